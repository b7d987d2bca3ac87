import { numberFormat } from '../audit/report-text';
import type { KnowledgeGainRow } from './knowledge-gain.service';

type Lang = 'id' | 'en';

const TEXT = {
  id: {
    heading: 'Peningkatan pengetahuan',
    intro:
      'Rata-rata skor tes awal (sebelum modul) dan rata-rata skor kuis terbaik dari orang yang sama, yaitu yang mengikuti keduanya pada penugasan yang sama. Kelompok dengan kurang dari {{k}} orang disembunyikan, bersama kelompok lain yang dapat mengungkapkannya.',
    module: 'Modul',
    group: 'Kelompok',
    people: 'Orang',
    before: 'Sebelum (tes awal)',
    after: 'Sesudah (kuis)',
    gain: 'Peningkatan (poin)',
    hidden: 'disembunyikan',
    none: 'Belum ada orang yang mengikuti tes awal dan kuis suatu modul.',
    groups: { all: 'Semua', leaders: 'Pimpinan', staff: 'Staf' } as Record<string, string>,
  },
  en: {
    heading: 'Knowledge gain',
    intro:
      'Mean pre-test score (before the module) and mean best quiz score of the same people: those who took both on the same assignment. Groups of fewer than {{k}} people are hidden, with any other group that would give them away.',
    module: 'Module',
    group: 'Group',
    people: 'People',
    before: 'Before (pre-test)',
    after: 'After (quiz)',
    gain: 'Gain (points)',
    hidden: 'hidden',
    none: 'Nobody has taken both the pre-test and the quiz of a module yet.',
    groups: { all: 'Everyone', leaders: 'Leaders', staff: 'Staff' } as Record<string, string>,
  },
};

/** The audit report's knowledge-gain section (template audit-knowledge-gain.hbs): the dashboard's figures by leaders and staff. */
export function knowledgeGainSection(rows: KnowledgeGainRow[], k: number, lang: Lang) {
  const t = TEXT[lang];
  const f = numberFormat(lang);
  const shown = (x: number | null) => (x === null ? '' : f.decimal(x));
  return {
    t: { ...t, intro: t.intro.replace('{{k}}', String(k)) },
    hasRows: rows.length > 0,
    rows: rows.map((r) => ({
      module: r.moduleTitle,
      group: r.groupKind === 'unit' ? r.group : (t.groups[r.group] ?? r.group),
      suppressed: r.suppressed,
      people: f.count(r.people) ?? '',
      before: shown(r.before),
      after: shown(r.after),
      gain: r.gain === null ? '' : f.signed(r.gain),
    })),
  };
}
