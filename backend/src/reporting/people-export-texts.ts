/**
 * The people export's headers and values in the reader's language: a file for people, so no ids,
 * no slugs, no `true`/`false` (API.md: human exports). Machine files keep their English keys.
 */
export type Lang = 'id' | 'en';

export const PEOPLE_EXPORT_COLUMNS = [
  'employeeNumber',
  'name',
  'unit',
  'position',
  'gender',
  'employmentType',
  'module',
  'status',
  'dueOn',
  'completedOn',
  'score',
  'moduleVersion',
] as const;
export type PeopleExportColumn = (typeof PEOPLE_EXPORT_COLUMNS)[number];

interface Texts {
  headers: Record<PeopleExportColumn, string>;
  position: { leader: string; staff: string };
  gender: Record<string, string>;
  employmentType: Record<string, string>;
  status: Record<string, string>;
  sheet: string;
  fileName: string;
}

export const PEOPLE_EXPORT_TEXTS: Record<Lang, Texts> = {
  id: {
    headers: {
      employeeNumber: 'Nomor pegawai',
      name: 'Nama',
      unit: 'Unit',
      position: 'Jabatan',
      gender: 'Jenis kelamin',
      employmentType: 'Status kepegawaian',
      module: 'Modul',
      status: 'Status',
      dueOn: 'Batas waktu',
      completedOn: 'Tanggal selesai',
      score: 'Nilai',
      moduleVersion: 'Versi modul',
    },
    position: { leader: 'Pimpinan', staff: 'Staf' },
    gender: { female: 'Perempuan', male: 'Laki-laki', not_stated: 'Tidak disebutkan' },
    employmentType: { permanent: 'Tetap', contract: 'Kontrak', intern: 'Magang', volunteer: 'Relawan' },
    status: {
      not_started: 'Belum dimulai',
      in_progress: 'Sedang berjalan',
      completed: 'Selesai',
      overdue: 'Lewat tenggat',
      expired: 'Kedaluwarsa',
      none: 'Tidak ada penugasan',
    },
    sheet: 'Pelatihan per orang',
    fileName: 'aman-pelatihan-per-orang',
  },
  en: {
    headers: {
      employeeNumber: 'Employee number',
      name: 'Name',
      unit: 'Unit',
      position: 'Position',
      gender: 'Gender',
      employmentType: 'Employment type',
      module: 'Module',
      status: 'Status',
      dueOn: 'Due date',
      completedOn: 'Completed on',
      score: 'Score',
      moduleVersion: 'Module version',
    },
    position: { leader: 'Leader', staff: 'Staff' },
    gender: { female: 'Female', male: 'Male', not_stated: 'Not stated' },
    employmentType: { permanent: 'Permanent', contract: 'Contract', intern: 'Intern', volunteer: 'Volunteer' },
    status: {
      not_started: 'Not started',
      in_progress: 'In progress',
      completed: 'Completed',
      overdue: 'Overdue',
      expired: 'Expired',
      none: 'Nothing assigned',
    },
    sheet: 'Training per person',
    fileName: 'aman-training-per-person',
  },
};

/** One row as the repository reads it. */
export interface PeopleExportRow {
  employeeNumber: string | null;
  name: string;
  unitName: string | null;
  isLeader: boolean;
  gender: string;
  employmentType: string;
  moduleTitle: { id: string; en: string } | null;
  status: string | null;
  /** YYYY-MM-DD, the organisation's calendar. */
  dueOn: string | null;
  /** YYYY-MM-DD in the organisation's time zone. */
  completedOn: string | null;
  score: number | null;
  moduleVersion: string | null;
}

/** The row's cells in column order, in the reader's language. */
export function humanCells(row: PeopleExportRow, lang: Lang): (string | number | null)[] {
  const t = PEOPLE_EXPORT_TEXTS[lang];
  return [
    row.employeeNumber,
    row.name,
    row.unitName,
    row.isLeader ? t.position.leader : t.position.staff,
    t.gender[row.gender] ?? row.gender,
    t.employmentType[row.employmentType] ?? row.employmentType,
    row.moduleTitle ? row.moduleTitle[lang] : null,
    t.status[row.status ?? 'none'] ?? row.status,
    row.dueOn,
    row.completedOn,
    row.score,
    row.moduleVersion,
  ];
}
