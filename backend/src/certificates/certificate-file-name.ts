/**
 * A file name for a certificate in a ZIP: the employee number (else the holder's name) and the
 * module's slug, in characters every file system and unzip tool accepts (letters without accents,
 * digits, dot, dash, underscore), so "Siti Nur'aini / Bagian Umum" cannot make a path.
 */
export function safePart(text: string, max = 60): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return ascii.slice(0, max) || 'certificate';
}

export function certificateFileName(c: { employeeNumber: string | null; holderName: string; moduleSlug: string }): string {
  const who = c.employeeNumber?.trim() ? c.employeeNumber : c.holderName;
  return `${safePart(who)}_${safePart(c.moduleSlug, 100)}.pdf`;
}

/** The same name again (a later certificate of the same module) gets the issue date, then a number. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(name: string, issuedOn: string): string {
    const base = name.replace(/\.pdf$/, '');
    let candidate = name;
    if (this.taken.has(candidate)) candidate = `${base}_${issuedOn}.pdf`;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${base}_${issuedOn}-${n}.pdf`;
    this.taken.add(candidate);
    return candidate;
  }
}
