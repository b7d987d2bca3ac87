import { barChart, lineChart } from '../reporting/svg-charts';
import type { SurveyResults } from '../surveys/surveys.service';
import { formatValue, meetsTarget } from './catalogue';
import type { EngagementIndicator } from './indicators.service';

type Lang = 'id' | 'en';

export const SECTION_TEXT = {
  id: {
    heading: 'Indikator yang disepakati, tren, dan survei iklim',
    noIndicators: 'Belum ada indikator yang disepakati untuk keterlibatan ini.',
    indicator: 'Indikator', target: 'Target', value: 'Nilai saat ini', met: 'Target tercapai', period: 'Periode', status: 'Status kesepakatan',
    yes: 'ya', no: 'belum', unknown: '–',
    statuses: { proposed: 'diusulkan mitra', accepted: 'disepakati', commented: 'dikomentari HR' },
    trendOf: 'Tren', chartDesc: 'Nilai pada setiap laporan audit dan saat ini; tabel di sampingnya memuat angka yang sama.',
    current: 'saat ini', targetLine: 'target',
    survey: 'Survei iklim', noSurvey: 'Belum ada survei dengan jawaban.', responses: 'Jawaban', wave: 'Gelombang',
    suppressedSurvey: 'Jawaban lebih sedikit dari {{k}}: hasil tidak ditampilkan.',
    option: 'Pilihan', count: 'Jumlah', share: 'Persentase', freeText: 'Jawaban terbuka tidak dimuat dalam laporan ini.',
    surveyMethod: 'Jawaban survei disimpan tanpa tautan ke orang yang menjawab; hasil hanya untuk kelompok dengan sedikitnya {{k}} jawaban.',
  },
  en: {
    heading: 'Agreed indicators, trends and the climate survey',
    noIndicators: 'No indicators have been agreed for this engagement yet.',
    indicator: 'Indicator', target: 'Target', value: 'Value now', met: 'Target met', period: 'Period', status: 'Agreement',
    yes: 'yes', no: 'not yet', unknown: '–',
    statuses: { proposed: 'proposed by the partner', accepted: 'agreed', commented: 'commented by HR' },
    trendOf: 'Trend', chartDesc: 'The value at each audit report and now; the table beside it holds the same figures.',
    current: 'now', targetLine: 'target',
    survey: 'Climate survey', noSurvey: 'No survey with answers yet.', responses: 'Responses', wave: 'Wave',
    suppressedSurvey: 'Fewer than {{k}} responses: results are not shown.',
    option: 'Option', count: 'Count', share: 'Share', freeText: 'Free-text answers are not included in this report.',
    surveyMethod: 'Survey answers are stored with no link to the person who gave them; results only for groups of at least {{k}} responses.',
  },
} as const;

/**
 * The audit report's section on agreed indicators (against their targets, with the trend over
 * earlier reports) and the latest climate survey, charts as SVG beside tables of the same figures.
 */
export function indicatorsSection(lang: Lang, indicators: EngagementIndicator[], survey: SurveyResults | null) {
  const t = SECTION_TEXT[lang];
  return {
    t: { ...t, suppressedSurvey: t.suppressedSurvey.replace('{{k}}', String(survey?.k ?? '')), surveyMethod: t.surveyMethod.replace('{{k}}', String(survey?.k ?? 5)) },
    hasIndicators: indicators.length > 0,
    indicators: indicators.map((i) => {
      const now = i.values.at(-1)?.value ?? null;
      const meets = meetsTarget(i.higherIsBetter, now, i.target);
      const met = meets === null ? t.unknown : meets ? t.yes : t.no;
      const points = i.values.map((v) => ({ label: v.source === 'current' ? `${v.period} (${t.current})` : v.period, value: v.value, text: formatValue(i.unit, v.value, lang) }));
      const max = i.unit === 'share' ? 1 : Math.max(i.target, ...i.values.map((v) => v.value ?? 0), 1) * 1.1;
      return {
        name: i.name,
        status: t.statuses[i.status],
        target: formatValue(i.unit, i.target, lang),
        value: i.available ? formatValue(i.unit, now, lang) : (i.note ?? t.unknown),
        met,
        points,
        chart: lineChart({
          title: `${t.trendOf}: ${i.name}`,
          desc: `${t.chartDesc} ${t.target}: ${formatValue(i.unit, i.target, lang)}. ${points.map((p) => `${p.label}: ${p.text}`).join('; ')}.`,
          points,
          target: { value: i.target, text: `${t.targetLine} ${formatValue(i.unit, i.target, lang)}` },
          max: i.unit === 'points' ? 1 : max,
        }),
      };
    }),
    hasSurvey: survey !== null,
    surveyShown: survey !== null && !survey.suppressed,
    survey: survey
      ? {
          title: survey.title,
          period: `${survey.opensOn} – ${survey.closesOn}`,
          responses: survey.responses ?? t.unknown,
          questions: survey.questions.map((q) => {
            const total = q.overall.counts ? Object.values(q.overall.counts).reduce((a, b) => a + b, 0) : 0;
            const rows = q.options.map((o) => {
              const count = q.overall.counts?.[o.id] ?? null;
              return { option: o.text, count: count ?? t.unknown, share: count === null || total === 0 ? t.unknown : formatValue('share', count / total, lang), value: count === null || total === 0 ? null : count / total };
            });
            return {
              text: q.text,
              rows,
              chart: barChart({
                title: q.text,
                desc: `${t.chartDesc} ${rows.map((r) => `${r.option}: ${r.share}`).join('; ')}.`,
                bars: rows.map((r) => ({ label: r.option, value: r.value, text: r.share })),
                max: 1,
              }),
            };
          }),
        }
      : null,
  };
}
