/**
 * Charts drawn on the server as SVG text, for PDFs: no script, no network, no fonts of their own.
 * Each chart is an <svg role="img"> with <title> and <desc>, and its bars or points carry the very
 * labels the table beside it prints (callers pass the formatted text), so chart and table cannot
 * disagree and the table is the chart's text alternative.
 */

export interface ChartPoint {
  label: string;
  /** null: nothing to draw (suppressed or not available); the label says why. */
  value: number | null;
  /** The text printed at the point, as the table prints it. */
  text: string;
}

export interface LineChartInput {
  title: string;
  desc: string;
  points: ChartPoint[];
  /** A horizontal target line, with its text. */
  target?: { value: number; text: string } | null;
  /** The value axis from 0 to this (e.g. 1 for shares). */
  max: number;
}

export interface BarChartInput {
  title: string;
  desc: string;
  bars: ChartPoint[];
  max: number;
}

const W = 480;
const H = 180;
const PAD = { left: 36, right: 36, top: 14, bottom: 34 };

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const y = (value: number, max: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - Math.min(Math.max(value / (max || 1), 0), 1));

/** A trend: one point per period, joined where consecutive values exist, with an optional target line. */
export function lineChart(input: LineChartInput): string {
  const n = input.points.length;
  const step = n > 1 ? (W - PAD.left - PAD.right) / (n - 1) : 0;
  const x = (i: number) => (n > 1 ? PAD.left + i * step : W / 2);
  const parts: string[] = [];
  if (input.target) {
    const ty = y(input.target.value, input.max).toFixed(1);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${ty}" y2="${ty}" stroke="#b45309" stroke-dasharray="4 3" stroke-width="1"/>`);
    parts.push(`<text x="${W - PAD.right}" y="${(Number(ty) - 3).toFixed(1)}" font-size="9" text-anchor="end" fill="#b45309">${escapeXml(input.target.text)}</text>`);
  }
  let path = '';
  input.points.forEach((p, i) => {
    if (p.value === null) {
      path += ' ';
      return;
    }
    path += `${path.endsWith(' ') || path === '' ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value, input.max).toFixed(1)}`;
  });
  const d = path.trim().replace(/\s+/g, ' ');
  if (d) parts.push(`<path d="${d.replace(/ M/g, ' M')}" fill="none" stroke="#1d4ed8" stroke-width="2"/>`);
  input.points.forEach((p, i) => {
    const px = x(i).toFixed(1);
    if (p.value !== null) {
      const py = y(p.value, input.max);
      parts.push(`<circle cx="${px}" cy="${py.toFixed(1)}" r="3" fill="#1d4ed8"/>`);
      parts.push(`<text x="${px}" y="${(py - 6).toFixed(1)}" font-size="9" text-anchor="middle">${escapeXml(p.text)}</text>`);
    }
    parts.push(`<text x="${px}" y="${H - 18}" font-size="9" text-anchor="middle" fill="#444">${escapeXml(p.label)}</text>`);
  });
  return svg(input.title, input.desc, parts);
}

/** Horizontal bars, one per row of the table beside it. */
export function barChart(input: BarChartInput): string {
  const rowH = 18;
  const labelW = 170;
  const height = PAD.top + input.bars.length * rowH + 8;
  const width = W - labelW - PAD.right - 50;
  const parts = input.bars.map((b, i) => {
    const top = PAD.top + i * rowH;
    const len = b.value === null ? 0 : Math.max(0, Math.min(b.value / (input.max || 1), 1)) * width;
    return (
      `<text x="${labelW - 6}" y="${top + 12}" font-size="9" text-anchor="end">${escapeXml(b.label)}</text>` +
      `<rect x="${labelW}" y="${top + 3}" width="${len.toFixed(1)}" height="${rowH - 6}" fill="#1d4ed8"/>` +
      `<text x="${(labelW + len + 4).toFixed(1)}" y="${top + 12}" font-size="9">${escapeXml(b.text)}</text>`
    );
  });
  return svg(input.title, input.desc, parts, height);
}

let charts = 0;

function svg(title: string, desc: string, parts: string[], height = H): string {
  const id = `chart-${++charts}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" font-family="inherit">` +
    `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(desc)}</desc>` +
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${height === H ? H - PAD.bottom : height - 4}" y2="${height === H ? H - PAD.bottom : height - 4}" stroke="#999" stroke-width="0.5"/>` +
    parts.join('') +
    `</svg>`
  );
}
