/**
 * Charts as SVG strings, drawn on the server: no charting library, nothing fetched by the browser.
 */
import { esc, Html } from './html.js';

export interface Bar {
  label: string;
  /** 0..1 */
  value: number;
  /** Shown on hover. */
  title?: string;
  note?: string;
}

const f = (x: number) => Number(x.toFixed(1));

/** Horizontal bars, one per row, in the order given; colour from red (0) to green (1). */
export function barChart(bars: Bar[], opts: { width?: number; labelWidth?: number; rowHeight?: number; label?: string } = {}): Html {
  const width = opts.width ?? 820;
  const labelWidth = opts.labelWidth ?? 300;
  const rowH = opts.rowHeight ?? 18;
  const valueWidth = 110;
  const plot = width - labelWidth - valueWidth;
  const top = 22;
  const height = top + bars.length * rowH + 8;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(opts.label ?? 'bar chart')}" class="chart bars">`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const x = f(labelWidth + t * plot);
    parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 6}" stroke="#dde3e6"/>`);
    parts.push(`<text x="${x}" y="${top - 8}" font-size="11" text-anchor="middle" fill="#5b6b73">${t.toFixed(2)}</text>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = f(Math.max(0, Math.min(1, b.value)) * plot);
    const hue = Math.round(Math.max(0, Math.min(1, b.value)) * 120);
    parts.push(`<g><title>${esc(b.title ?? `${b.label}: ${b.value.toFixed(2)}`)}</title>`);
    parts.push(`<text x="${labelWidth - 6}" y="${y + rowH * 0.7}" font-size="12" text-anchor="end">${esc(truncate(b.label, 46))}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${rowH - 5}" rx="2" fill="hsl(${hue} 55% 45%)"/>`);
    parts.push(`<text x="${labelWidth + plot + 6}" y="${y + rowH * 0.7}" font-size="12">${b.value.toFixed(2)}${b.note ? ` ${esc(b.note)}` : ''}</text></g>`);
  });
  parts.push('</svg>');
  return new Html(parts.join(''));
}

/**
 * A heat map: rows (expected) × columns (predicted), darker = more. Cells with zero are left blank;
 * `diagonal` cells (row label = column label) are drawn in grey.
 */
export function heatMap(rows: string[], cols: string[], count: (r: string, c: string) => number, opts: { titles?: (id: string) => string; cell?: number } = {}): Html {
  const cell = opts.cell ?? 34;
  const labelW = 260;
  const headerH = 190;
  const width = labelW + cols.length * cell + 10;
  const height = headerH + rows.length * cell + 10;
  const max = Math.max(1, ...rows.flatMap((r) => cols.map((c) => (r === c ? 0 : count(r, c)))));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="confusion heat map" class="chart heatmap">`);
  parts.push(`<text x="${labelW - 6}" y="${headerH - 8}" font-size="11" text-anchor="end" fill="#5b6b73">expected ↓ / predicted →</text>`);
  cols.forEach((c, j) => {
    const x = labelW + j * cell + cell / 2;
    parts.push(`<g><title>${esc(opts.titles?.(c) ?? c)}</title><text transform="translate(${x + 4},${headerH - 6}) rotate(-55)" font-size="11">${esc(truncate(c, 30))}</text></g>`);
  });
  rows.forEach((r, i) => {
    const y = headerH + i * cell;
    parts.push(`<g><title>${esc(opts.titles?.(r) ?? r)}</title><text x="${labelW - 6}" y="${y + cell * 0.62}" font-size="11" text-anchor="end">${esc(truncate(r, 40))}</text></g>`);
    cols.forEach((c, j) => {
      const n = count(r, c);
      const x = labelW + j * cell;
      const diag = r === c;
      const fill = n === 0 ? '#f7f9fa' : diag ? '#cfd8dc' : `rgba(179,38,30,${(0.15 + 0.85 * (n / max)).toFixed(2)})`;
      parts.push(`<g><title>${esc(`${r} → ${c}: ${n}${diag ? ' (correct)' : ''}`)}</title><rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" rx="3" fill="${fill}"/>`);
      if (n > 0) parts.push(`<text x="${x + (cell - 2) / 2}" y="${y + cell * 0.62}" font-size="11" text-anchor="middle" fill="${!diag && n / max > 0.5 ? '#fff' : '#1d2327'}">${n}</text>`);
      parts.push('</g>');
    });
  });
  parts.push('</svg>');
  return new Html(parts.join(''));
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
