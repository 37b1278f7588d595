/**
 * Text helpers shared by the dialog and the channel renderers: fitting titles into platform limits without
 * cutting a character (Odia conjuncts are several code points: cut by grapheme, never by code unit).
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Length as WhatsApp counts it (UTF-16 code units), which is what its limits are measured in. */
export function fits(text: string, max: number): boolean {
  return text.length <= max;
}

/**
 * Shorten to at most `max` UTF-16 units: at a word boundary when one is near the end, else at a grapheme
 * boundary, with an ellipsis. Never splits a grapheme cluster.
 */
export function fit(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const budget = max - 1;
  let out = graphemePrefix(clean, budget);
  const space = out.lastIndexOf(' ');
  if (space >= Math.floor(budget * 0.6)) out = out.slice(0, space);
  return `${out.replace(/[\s,;:–-]+$/u, '')}…`;
}

/** Split long text into parts of at most `max` units, at paragraph, then line, then sentence, then word breaks. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    for (const sep of ['\n\n', '\n', '। ', '. ', '? ', '! ', ' ']) {
      const at = window.lastIndexOf(sep);
      if (at >= max * 0.5) {
        cut = at + sep.length;
        break;
      }
    }
    if (cut <= 0) cut = graphemePrefix(window, max).length;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** The longest prefix of whole graphemes within `max` UTF-16 units. */
function graphemePrefix(text: string, max: number): string {
  let out = '';
  for (const g of graphemes(text)) {
    if (out.length + g.length > max) break;
    out += g;
  }
  return out;
}
