import { maskName, newSerial, normalizeSerial } from './serial';

describe('certificate serials', () => {
  it('are 20 Crockford base32 characters in groups of four, unique', () => {
    const serials = new Set(Array.from({ length: 2000 }, newSerial));
    expect(serials.size).toBe(2000);
    for (const s of [...serials].slice(0, 50)) expect(s).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('normalises what people type', () => {
    const s = newSerial();
    expect(normalizeSerial(s.toLowerCase().replace(/-/g, ''))).toBe(s);
    expect(normalizeSerial('ABCD-EFGH-JKMN-PQRS-TVWO')).toBe('ABCD-EFGH-JKMN-PQRS-TVW0');
    expect(normalizeSerial('too-short')).toBeNull();
  });

  it('masks holder names', () => {
    expect(maskName('Sari  Wulandari')).toBe('S*** W***');
    expect(maskName('Ñoman')).toBe('Ñ***');
  });
});
