/** The demo organisation: a provincial social affairs office with district branches (3+ levels). */
export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_ORG_CODE = 'demo';

export const DEMO_ACCOUNTS = [
  { email: 'hr@demo.test', role: 'HR admin (Satgas secretariat)' },
  { email: 'leader@demo.test', role: 'leader (head of a division)' },
  { email: 'staff@demo.test', role: 'staff' },
  { email: 'auditor@mitra.test', role: 'auditor of the partner Yayasan Mitra Setara' },
  { email: 'admin@aman.test', role: 'platform admin' },
  { email: 'handler@mitra.test', role: 'case handler of the partner (confidential reports; password alone in the demo)' },
] as const;

export interface DemoUnit {
  code: string;
  name: string;
  parent: string | null;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: 'PROV', name: 'Dinas Sosial Provinsi Nusa Demo', parent: null },
  { code: 'SEKRETARIAT', name: 'Sekretariat', parent: 'PROV' },
  { code: 'SEK-UMUM', name: 'Subbagian Umum dan Kepegawaian', parent: 'SEKRETARIAT' },
  { code: 'SEK-KEU', name: 'Subbagian Keuangan', parent: 'SEKRETARIAT' },
  { code: 'LINJAMSOS', name: 'Bidang Perlindungan dan Jaminan Sosial', parent: 'PROV' },
  { code: 'LINJAMSOS-ANAK', name: 'Seksi Perlindungan Anak dan Perempuan', parent: 'LINJAMSOS' },
  { code: 'LINJAMSOS-BENCANA', name: 'Seksi Perlindungan Korban Bencana', parent: 'LINJAMSOS' },
  { code: 'CAB-SUKAMAJU', name: 'Cabang Dinas Kabupaten Sukamaju', parent: 'PROV' },
  { code: 'CAB-SUKAMAJU-LAP', name: 'Tim Pendamping Lapangan Sukamaju', parent: 'CAB-SUKAMAJU' },
  { code: 'CAB-BARUNA', name: 'Cabang Dinas Kota Baruna', parent: 'PROV' },
  { code: 'CAB-BARUNA-LAP', name: 'Tim Pendamping Lapangan Baruna', parent: 'CAB-BARUNA' },
];

const FEMALE = ['Siti', 'Dewi', 'Rina', 'Ayu', 'Fitri', 'Wulan', 'Nur', 'Indah', 'Putri', 'Lestari', 'Maya', 'Ratna', 'Yuni', 'Sari', 'Intan', 'Nadia'];
const MALE = ['Budi', 'Agus', 'Dedi', 'Eko', 'Hendra', 'Rizky', 'Yusuf', 'Andi', 'Fajar', 'Bayu', 'Arif', 'Joko', 'Rudi', 'Teguh', 'Wahyu', 'Dimas'];
const FAMILY = ['Wijaya', 'Santoso', 'Lubis', 'Siregar', 'Pratama', 'Hidayat', 'Nasution', 'Saputra', 'Kurniawan', 'Rahayu', 'Setiawan', 'Halim', 'Tanjung', 'Manurung', 'Pangaribuan', 'Syahputra', 'Daulay', 'Sitompul'];

export interface DemoPerson {
  email: string;
  name: string;
  employeeNumber: string;
  unitCode: string;
  isLeader: boolean;
  gender: 'female' | 'male' | 'not_stated';
  employmentType: 'permanent' | 'contract' | 'intern' | 'volunteer';
  hireDate: string;
  roles: ('employee' | 'hr_admin')[];
  hasPassword: boolean;
}

/** Deterministic, so seeding twice gives the same people. */
export function demoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [
    { email: 'hr@demo.test', name: 'Ratna Kusumawati', employeeNumber: 'DS-0001', unitCode: 'SEK-UMUM', isLeader: false, gender: 'female', employmentType: 'permanent', hireDate: '2015-03-02', roles: ['employee', 'hr_admin'], hasPassword: true },
    { email: 'leader@demo.test', name: 'Hendra Siregar', employeeNumber: 'DS-0002', unitCode: 'LINJAMSOS', isLeader: true, gender: 'male', employmentType: 'permanent', hireDate: '2009-07-13', roles: ['employee'], hasPassword: true },
    { email: 'staff@demo.test', name: 'Sari Wulandari', employeeNumber: 'DS-0003', unitCode: 'LINJAMSOS-ANAK', isLeader: false, gender: 'female', employmentType: 'contract', hireDate: '2024-01-15', roles: ['employee'], hasPassword: true },
  ];
  const leafUnits = DEMO_UNITS.filter((u) => u.parent !== null).map((u) => u.code);
  const leaderUnits = new Set(['PROV', 'SEKRETARIAT', 'CAB-SUKAMAJU', 'CAB-BARUNA', 'SEK-KEU', 'LINJAMSOS-BENCANA', 'CAB-SUKAMAJU-LAP', 'CAB-BARUNA-LAP', 'LINJAMSOS-ANAK']);
  const leadersPlaced = new Set<string>(['LINJAMSOS']);
  for (let i = 4; people.length < 60; i++) {
    const gender = i % 11 === 0 ? 'not_stated' : i % 2 === 0 ? 'female' : 'male';
    const first = (gender === 'male' ? MALE : FEMALE)[(i * 7) % 16];
    const last = FAMILY[(i * 5) % FAMILY.length];
    let unitCode = leafUnits[i % leafUnits.length];
    let isLeader = false;
    const vacant = [...leaderUnits].find((u) => !leadersPlaced.has(u));
    if (i % 6 === 0 && vacant) {
      unitCode = vacant;
      isLeader = true;
      leadersPlaced.add(vacant);
    }
    const employmentType = isLeader ? 'permanent' : i % 9 === 0 ? 'intern' : i % 13 === 0 ? 'volunteer' : i % 4 === 0 ? 'contract' : 'permanent';
    const year = employmentType === 'intern' ? 2026 : 2008 + (i % 18);
    people.push({
      email: `${first}.${last}.${i}`.toLowerCase() + '@demo.test',
      name: `${first} ${last}`,
      employeeNumber: `DS-${String(i).padStart(4, '0')}`,
      unitCode,
      isLeader,
      gender,
      employmentType,
      hireDate: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      roles: ['employee'],
      hasPassword: false,
    });
  }
  return people;
}

/** Organisation settings the training content is filled in from (HR edits them). */
export const DEMO_SETTINGS = {
  sopSteps: {
    id: [
      'Laporan diterima Satgas melalui salah satu kanal, termasuk mitra independen.',
      'Satgas menghubungi pelapor dalam 2 hari kerja dan menanyakan kebutuhan pendampingan serta keamanannya.',
      'Satgas menilai risiko dan mengusulkan langkah perlindungan bila diperlukan, dengan persetujuan korban.',
      'Pemeriksaan dilakukan secara tertutup oleh anggota Satgas yang tidak memiliki konflik kepentingan.',
      'Satgas menyampaikan rekomendasi sanksi kepada pimpinan dan memberi tahu pelapor hasilnya.',
      'Pemulihan korban dipantau; jalur pidana tetap terbuka dan didukung bila korban memilihnya.',
    ],
    en: [
      'The task force receives the report through any channel, including the independent partner.',
      'The task force contacts the reporter within 2 working days and asks about support and safety needs.',
      'The task force assesses risk and proposes protective steps where needed, with the victim’s consent.',
      'The inquiry is held in private by task force members without a conflict of interest.',
      'The task force recommends sanctions to the head of office and tells the reporter the outcome.',
      'The victim’s recovery is followed up; the criminal route stays open and is supported if the victim chooses it.',
    ],
  },
  taskForce: [
    { name: 'Ratna Kusumawati', role: { id: 'Ketua Satgas', en: 'Chair of the task force' }, contact: 'satgas@demo.test' },
    { name: 'Yusuf Hidayat', role: { id: 'Anggota (perwakilan pekerja)', en: 'Member (workers’ representative)' }, contact: '0812-0000-1111' },
    { name: 'Intan Lubis', role: { id: 'Anggota (pendamping)', en: 'Member (support officer)' }, contact: '0812-0000-2222' },
  ],
  channels: [
    { name: { id: 'Email Satgas', en: 'Task force email' }, contact: 'satgas@demo.test', independent: false },
    { name: { id: 'WhatsApp Satgas (rahasia)', en: 'Task force WhatsApp (confidential)' }, contact: '0812-0000-3333', independent: false },
    { name: { id: 'Yayasan Mitra Setara (mitra independen)', en: 'Yayasan Mitra Setara (independent partner)' }, contact: 'lapor@mitra.test', independent: true },
  ],
};

export const DEMO_POLICIES = [
  {
    kind: 'policy',
    title: {
      id: 'Kebijakan Pencegahan dan Penanganan Kekerasan Seksual',
      en: 'Policy on Preventing and Handling Sexual Violence',
    },
    body: {
      id: [
        '## Tujuan',
        'Dinas Sosial Provinsi Nusa Demo berkomitmen pada tempat kerja yang aman dari kekerasan dan pelecehan seksual bagi semua orang: pegawai tetap, pegawai kontrak, peserta magang, relawan, dan mitra.',
        '## Ruang lingkup',
        'Kebijakan ini berlaku di kantor, di lapangan, dalam perjalanan dinas, dan di ruang digital yang terkait pekerjaan, termasuk grup percakapan kantor.',
        '## Prinsip',
        '- Berpihak pada korban dan menjaga kerahasiaan.',
        '- Tidak ada pembalasan terhadap pelapor, korban, maupun saksi.',
        '- Setiap laporan ditangani Satgas sesuai SOP; jalur pidana tetap terbuka.',
      ].join('\n\n'),
      en: [
        '## Purpose',
        'Dinas Sosial Provinsi Nusa Demo is committed to a workplace free of sexual violence and harassment for everyone: permanent and contract staff, interns, volunteers and partners.',
        '## Scope',
        'This policy applies in the office, in the field, on official travel and in work-related digital spaces, including office chat groups.',
        '## Principles',
        '- Victim-centred, with confidentiality protected.',
        '- No retaliation against reporters, victims or witnesses.',
        '- Every report is handled by the task force under the SOP; the criminal route stays open.',
      ].join('\n\n'),
    },
  },
  {
    kind: 'commitment',
    title: { id: 'Deklarasi Komitmen Tempat Kerja Bebas Kekerasan dan Pelecehan', en: 'Commitment Declaration for a Workplace Free of Violence and Harassment' },
    body: {
      id: 'Saya menyatakan komitmen untuk menghormati setiap orang di tempat kerja, tidak melakukan kekerasan atau pelecehan dalam bentuk apa pun, menegur dan melaporkan bila melihatnya, serta mendukung korban tanpa menghakimi.',
      en: 'I declare my commitment to respect everyone at work, to commit no violence or harassment of any kind, to speak up and report when I see it, and to support victims without judgement.',
    },
  },
] as const;
