import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a serial read aloud or typed is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 100 random bits as 20 characters in groups of four, e.g. `7K3M-Q9TX-...`. */
export function newSerial(): string {
  const bytes = randomBytes(13); // 104 bits; we use 100
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts lower case, missing dashes and the usual look-alikes (O→0, I/L→1). */
export function normalizeSerial(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(cleaned)) return null;
  return cleaned.match(/.{4}/g)!.join('-');
}

/** "Sari Wulandari" → "S*** W***": enough to match a person in front of you, not to find one. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => `${[...word][0] ?? ''}***`)
    .join(' ');
}
