import { UniqueNames, certificateFileName, safePart } from './certificate-file-name';

describe('certificate file names in a ZIP', () => {
  it('uses the employee number, else the name, and the module slug, in safe characters only', () => {
    expect(certificateFileName({ employeeNumber: '198703152010012001', holderName: 'Siti', moduleSlug: 'recognising-harassment' })).toBe(
      '198703152010012001_recognising-harassment.pdf',
    );
    expect(certificateFileName({ employeeNumber: null, holderName: "Siti Nur'aini Ayu Pérez", moduleSlug: 'power-relations' })).toBe(
      'Siti-Nur-aini-Ayu-Perez_power-relations.pdf',
    );
    expect(certificateFileName({ employeeNumber: '  ', holderName: '../../etc/passwd', moduleSlug: 'x' })).toBe('etc-passwd_x.pdf');
    expect(safePart('///')).toBe('certificate');
    expect(safePart('a'.repeat(100))).toHaveLength(60);
  });

  it('keeps names unique: the issue date, then a number', () => {
    const sut = new UniqueNames();
    expect(sut.claim('E1_m.pdf', '2026-01-02')).toBe('E1_m.pdf');
    expect(sut.claim('E1_m.pdf', '2027-01-02')).toBe('E1_m_2027-01-02.pdf');
    expect(sut.claim('E1_m.pdf', '2027-01-02')).toBe('E1_m_2027-01-02-2.pdf');
  });
});
