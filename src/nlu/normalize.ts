/**
 * Text normalisation. Two forms:
 *  - `normalize`: what a person would call the same text (NFC, no zero-width characters, Odia and Devanagari
 *    digits as 0-9, danda and punctuation as spaces, lowercase Latin, single spaces). Entities and language
 *    detection read this form.
 *  - `phoneticKey`: a Latin "sound-alike" form of any script, for the classifier, so that ପ୍ରମାଣ ପତ୍ର,
 *    "praman patra" and "pramanpatra" come out close to each other.
 */
import { createRequire } from 'node:module';

// The package is CommonJS with types for a default export; require gives exactly that object.
const Sanscript = createRequire(import.meta.url)('@indic-transliteration/sanscript') as { t(text: string, from: string, to: string): string };

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODIA_DIGIT_ZERO = 0x0b66;
const DEVANAGARI_DIGIT_ZERO = 0x0966;

export function normalize(text: string): string {
  let out = text.normalize('NFC').replace(ZERO_WIDTH, '');
  out = out.replace(/[\u0B66-\u0B6F]/g, (d) => String(d.charCodeAt(0) - ODIA_DIGIT_ZERO));
  out = out.replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - DEVANAGARI_DIGIT_ZERO));
  // Danda and double danda end sentences in Odia; NLP.js would glue them to the word before.
  out = out.replace(/[\u0964\u0965]/g, ' ');
  out = out.toLowerCase();
  // Keep letters, combining marks, digits and the few symbols that carry meaning in ids and dates.
  out = out.replace(/[^\p{L}\p{M}\p{N}\s/+@.-]/gu, ' ');
  // A dot or dash only matters between digits/letters (dates, references, emails).
  out = out.replace(/(^|\s)[./-]+|[./-]+(?=\s|$)/g, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

const ODIA_RANGE = /[\u0B00-\u0B7F]/;

/** Odia script to a plain Latin transliteration (ITRANS, lowercased). Other text passes through. */
export function transliterate(text: string): string {
  if (!ODIA_RANGE.test(text)) return text;
  return (Sanscript.t(text.replace(/\u0B3C/g, ''), 'oriya', 'itrans') as string)
    .replace(/\.N|\.n|~N|\^/g, 'n')
    .replace(/[^ -~\s]/g, '')
    .toLowerCase();
}

/**
 * Fold spelling variation of Latin-script Indian words: vowel length, aspiration, doubled consonants,
 * the final inherent 'a', and the usual y/j, w/v, sh/s, z/j alternations.
 */
function foldWord(word: string): string {
  if (/^\d/.test(word)) return word;
  let w = word
    .replace(/ee|ii/g, 'i')
    .replace(/oo|uu/g, 'u')
    .replace(/aa/g, 'a')
    .replace(/ri(?=[^aeiou]|$)/g, 'ru')
    .replace(/ksh|kSh|x/g, 'kh')
    .replace(/sh|Sh/g, 's')
    .replace(/ph|f/g, 'p')
    .replace(/([bcdgjkpt])h/g, '$1')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/y/g, 'j')
    .replace(/q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ck|c/g, 'k')
    .replace(/([b-df-hj-np-tv-z])\1+/g, '$1');
  if (w.length > 3) w = w.replace(/([^aeiou])a$/, '$1');
  return w;
}

/** The classifier's view of a text: normalised, transliterated, spelling-folded. */
export function phoneticKey(text: string): string {
  return transliterate(normalize(text))
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(foldWord)
    .join(' ');
}

/** Consonant skeleton of a folded word: romanised Odia varies mostly in its vowels (darkar/dorkar/darakar). */
export function skeleton(word: string): string {
  return word.length <= 2 ? word : word[0] + word.slice(1).replace(/[aeiou]/g, '');
}
