/**
 * Which script and language a message is in: Odia script, English, Odia in Latin letters, or a mix.
 * Word lists live in intents/nlu/_lexicon.yaml.
 */
import type { Variant } from '../core.js';

export type Script = 'odia' | 'latin' | 'devanagari' | 'other' | 'none';

export interface LanguageLexicon {
  odiaLatin: ReadonlySet<string>;
  english: ReadonlySet<string>;
}

/** The dominant script of a text, by letters counted. */
export function detectScript(text: string): Script {
  const counts = scriptCounts(text);
  const total = counts.odia + counts.latin + counts.devanagari + counts.other;
  if (total === 0) return 'none';
  const [best] = (Object.entries(counts) as [Script, number][]).sort((a, b) => b[1] - a[1]);
  return best![0];
}

function scriptCounts(text: string) {
  const counts = { odia: 0, latin: 0, devanagari: 0, other: 0 };
  for (const ch of text) {
    if (/[\u0B00-\u0B7F]/.test(ch)) counts.odia += 1;
    else if (/[a-zA-Z]/.test(ch)) counts.latin += 1;
    else if (/[\u0900-\u097F]/.test(ch)) counts.devanagari += 1;
    else if (/\p{L}/u.test(ch)) counts.other += 1;
  }
  return counts;
}

/**
 * The language variant of a normalised text. Odia letters with a real share of Latin words is 'mixed';
 * Latin text is told apart by counting common English and common Odia words.
 */
export function detectLanguage(text: string, lexicon: LanguageLexicon): Variant {
  const counts = scriptCounts(text);
  const letters = counts.odia + counts.latin + counts.devanagari + counts.other;
  if (letters === 0) return 'other';
  if (counts.odia > 0) {
    const latinWords = text.split(/\s+/).filter((w) => /^[a-z]{3,}$/i.test(w));
    return latinWords.length > 0 && counts.latin / letters > 0.15 ? 'mixed' : 'or';
  }
  if (counts.latin / letters < 0.5) return 'other';
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  let odia = 0;
  let english = 0;
  for (const w of words) {
    const isOdia = lexicon.odiaLatin.has(w);
    const isEnglish = lexicon.english.has(w);
    if (isOdia && !isEnglish) odia += 1;
    else if (isEnglish && !isOdia) english += 1;
  }
  if (odia === 0) return 'en';
  if (english === 0) return 'or-Latn';
  // Both kinds of words: the message is Odia with English service names in it, or English with a stray word.
  if (english >= 2 && odia >= 2) return 'mixed';
  return odia >= english ? 'or-Latn' : 'en';
}
