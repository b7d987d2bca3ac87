/** Labels of the audit report in both languages (Indonesian by default). */
export const REPORT_TEXT = {
  id: {
    title: 'Laporan Audit Program Pencegahan dan Penanganan Kekerasan Seksual',
    organization: 'Organisasi', partner: 'Mitra pemantau', period: 'Periode', reportId: 'ID laporan', generatedAt: 'Dibuat pada',
    summary: 'Ringkasan', group: 'Kelompok', everyone: 'Semua', leaders: 'Pimpinan', staff: 'Staf', people: 'Orang',
    assigned: 'Ditugaskan', completed: 'Selesai semua', overdue: 'Terlambat', rate: 'Orang selesai semua (%)', trend: 'Perubahan modul selesai sejak laporan sebelumnya',
    moduleRate: 'Modul selesai (%)', moduleRateHeadline: 'modul yang ditugaskan telah diselesaikan',
    peopleRateHeadline: 'orang telah menyelesaikan semua modul yang ditugaskan kepadanya',
    noPrevious: 'Belum ada laporan sebelumnya untuk dibandingkan.', suppressed: 'disembunyikan',
    evidence: 'Bukti program', documents: 'Kebijakan dan deklarasi komitmen yang berlaku', kind: 'Jenis', version: 'Versi', published: 'Terbit',
    signedLeaders: 'Ditandatangani pimpinan', signedStaff: 'Ditandatangani staf', policy: 'Kebijakan', commitment: 'Deklarasi komitmen',
    sop: 'Langkah SOP', taskForce: 'Satgas', channels: 'Kanal pelaporan', independent: 'independen', modules: 'Modul dan versi',
    module: 'Modul', audience: 'Sasaran', completionsInPeriod: 'Penyelesaian dalam periode', none: 'Belum diisi.',
    breakdowns: 'Rincian', byUnit: 'Menurut unit', byRole: 'Menurut peran', byGender: 'Menurut gender', byEmployment: 'Menurut jenis kepegawaian',
    overdueByUnit: 'Keterlambatan menurut unit', certificates: 'Sertifikat', issued: 'Diterbitkan dalam periode', expired: 'Kedaluwarsa dalam periode',
    revoked: 'Dicabut dalam periode', verifications: 'Verifikasi publik (total)', findings: 'Temuan', severity: 'Tingkat', dueOn: 'Tenggat',
    correctiveAction: 'Tindakan perbaikan', state: 'Status', open: 'Terbuka', closed: 'Ditutup', noFindings: 'Tidak ada temuan.',
    integrity: 'Integritas jejak audit', chainValid: 'Rantai hash valid', chainBroken: 'Rantai RUSAK mulai entri', entries: 'Jumlah entri',
    headHash: 'Hash kepala', headSeq: 'Nomor urut kepala', yes: 'ya', methodology: 'Metodologi dan definisi', appendix: 'Lampiran: tabel per unit',
    unit: 'Unit', part: 'bagian',
    mostOverdueNote: '{{shown}} unit dengan orang terlambat terbanyak; seluruh {{total}} unit dengan keterlambatan atau angka yang disembunyikan tercantum di lampiran.',
    percentagePoints: 'poin persentase',
    audiences: { everyone: 'Semua', leaders: 'Pimpinan', staff: 'Staf', satgas: 'Satgas' },
    severities: { low: 'Rendah', medium: 'Sedang', high: 'Tinggi', critical: 'Kritis' },
    methodText: [
      'Angka dihitung langsung dari basis data Aman saat laporan dibuat, di zona waktu organisasi.',
      'Hitungan adalah orang, bukan penugasan: "ditugaskan" = memiliki sedikitnya satu penugasan aktif; "selesai semua" = menyelesaikan semua penugasannya; "terlambat" = sedikitnya satu penugasan melewati tenggat.',
      '"Modul selesai" = penugasan aktif yang telah diselesaikan dibagi seluruh penugasan aktif (angka utama); "orang selesai semua" = orang yang menyelesaikan semua penugasannya dibagi orang yang ditugaskan.',
      'Orang yang dinonaktifkan tidak dihitung. Baris unit mencakup seluruh sub-unitnya.',
      'Kelompok dengan kurang dari {{k}} orang disembunyikan, demikian pula sel pelengkap, agar tidak ada sel tersembunyi yang dapat dihitung ulang dari total.',
      'Jejak audit bersifat append-only dan berantai hash (SHA-256); hash kepala dan jumlah entri di atas menambatkan rantai di luar platform.',
      'PDF ini di-hash (SHA-256) dan ditandatangani dengan Ed25519; kunci publik tersedia di /api/keys/audit-reports.',
    ],
  },
  en: {
    title: 'Audit Report of the Programme to Prevent and Handle Sexual Violence',
    organization: 'Organisation', partner: 'Monitoring partner', period: 'Period', reportId: 'Report id', generatedAt: 'Generated at',
    summary: 'Summary', group: 'Group', everyone: 'Everyone', leaders: 'Leaders', staff: 'Staff', people: 'People',
    assigned: 'Assigned', completed: 'Completed all', overdue: 'Overdue', rate: 'People completed all (%)', trend: 'Change in modules completed since the previous report',
    moduleRate: 'Modules completed (%)', moduleRateHeadline: 'of assigned modules completed',
    peopleRateHeadline: 'of people completed all the modules assigned to them',
    noPrevious: 'No earlier report to compare with.', suppressed: 'suppressed',
    evidence: 'Programme evidence', documents: 'Policy and commitment declaration in force', kind: 'Kind', version: 'Version', published: 'Published',
    signedLeaders: 'Signed by leaders', signedStaff: 'Signed by staff', policy: 'Policy', commitment: 'Commitment declaration',
    sop: 'SOP steps', taskForce: 'Task force', channels: 'Reporting channels', independent: 'independent', modules: 'Modules and versions',
    module: 'Module', audience: 'Audience', completionsInPeriod: 'Completions in the period', none: 'Not filled in.',
    breakdowns: 'Breakdowns', byUnit: 'By unit', byRole: 'By role', byGender: 'By gender', byEmployment: 'By employment type',
    overdueByUnit: 'Overdue by unit', certificates: 'Certificates', issued: 'Issued in the period', expired: 'Expired in the period',
    revoked: 'Revoked in the period', verifications: 'Public verifications (total)', findings: 'Findings', severity: 'Severity', dueOn: 'Due',
    correctiveAction: 'Corrective action', state: 'State', open: 'Open', closed: 'Closed', noFindings: 'No findings.',
    integrity: 'Audit trail integrity', chainValid: 'Hash chain valid', chainBroken: 'Hash chain BROKEN from entry', entries: 'Entries',
    headHash: 'Head hash', headSeq: 'Head sequence number', yes: 'yes', methodology: 'Methodology and definitions', appendix: 'Appendix: per-unit tables',
    unit: 'Unit', part: 'part',
    mostOverdueNote: 'The {{shown}} units with the most people overdue; all {{total}} units with anyone overdue or with hidden figures are listed in the appendix.',
    percentagePoints: 'pp',
    audiences: { everyone: 'Everyone', leaders: 'Leaders', staff: 'Staff', satgas: 'Satgas' },
    severities: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
    methodText: [
      'Numbers are computed directly from the Aman database when the report is generated, in the organisation’s time zone.',
      'Counts are people, not assignments: "assigned" = has at least one current assignment; "completed all" = completed every one of them; "overdue" = at least one assignment past its due date.',
      '"Modules completed" = completed current assignments divided by all current assignments (the headline); "people completed all" = people who completed every assignment divided by people assigned.',
      'Deactivated people are not counted. A unit row includes all its sub-units.',
      'Groups of fewer than {{k}} people are hidden, and so are complementary cells, so that no hidden cell can be recomputed from totals.',
      'The audit trail is append-only and hash-chained (SHA-256); the head hash and entry count above anchor the chain outside the platform.',
      'This PDF is hashed (SHA-256) and signed with Ed25519; the public keys are at /api/keys/audit-reports.',
    ],
  },
} as const;

const LOCALE_TAGS = { id: 'id-ID', en: 'en-GB' } as const;

function numbersFor(tag: string) {
  const percent = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const decimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  return {
    /** A share 0..1 as a percentage with one decimal: `16,0%` / `16.0%`. */
    percent: (x: number) => percent.format(x),
    /** One decimal with its sign (changes, gains): `+2,5` / `+2.5`. */
    signed: (x: number) => signed.format(x),
    /** One decimal (means, days): `9,5` / `9.5`. */
    decimal: (x: number) => decimal.format(x),
    /** A whole number with grouping: `12.345` / `12,345`. */
    count: (x: number | null) => (x === null ? null : count.format(x)),
  };
}

// Built once: every report section and every value formats through these.
const NUMBER_FORMATS = { id: numbersFor(LOCALE_TAGS.id), en: numbersFor(LOCALE_TAGS.en) };

/** How reports write numbers for their reader; the one home of number and percent formatting. */
export function numberFormat(lang: 'id' | 'en') {
  return NUMBER_FORMATS[lang];
}

/**
 * How the report writes numbers, dates and times for its reader: `16,0%` and `5 Des 2026` in
 * Indonesian, `16.0%` and `5 Dec 2026` in English; a moment in time in the organisation's zone.
 */
export function reportFormat(lang: 'id' | 'en', timeZone: string) {
  const tag = LOCALE_TAGS[lang];
  // A calendar date (YYYY-MM-DD) is no moment: formatted in UTC so that no zone moves it a day.
  const date = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });
  return {
    ...numberFormat(lang),
    date: (value: string | Date | null | undefined): string => {
      if (value === null || value === undefined || value === '') return '—';
      const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
      const parsed = new Date(`${text}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? String(value) : date.format(parsed);
    },
    dateTime: (at: Date) => dateTime.format(at),
  };
}
