import {
  BarController,
  BarElement,
  CategoryScale,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { provideCharts } from 'ng2-charts';

/** Only the chart.js pieces the dashboard draws: bars, a line, their two scales and tooltips. */
export function provideReportCharts() {
  return provideCharts({
    registerables: [
      BarController,
      BarElement,
      LineController,
      LineElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Tooltip,
    ],
  });
}

/** The app's palette (styles.css): marks at least 3:1 against white, text 4.5:1. */
export const CHART_COLOURS = {
  mark: '#0a5c4e',
  line: '#0a4fa3',
  text: '#4a5360',
  grid: '#d5dad8',
} as const;

/** Bars beyond this many make the chart unreadable; the table always has every row. */
export const MAX_CHART_BARS = 40;

const INTL_LOCALES: Record<string, string> = { id: 'id-ID', en: 'en-GB' };

export function intlLocale(lang: string): string {
  return INTL_LOCALES[lang] ?? lang;
}
