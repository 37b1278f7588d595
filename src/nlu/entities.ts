/**
 * Entities in free text: the values forms need (district, dates, Aadhaar, mobile, PIN, numbers, names…),
 * in English, Odia script and romanised Odia. Input is `normalize`d text (Odia digits already 0-9).
 */
import { distance } from 'fastest-levenshtein';
import type { Entity } from '../core.js';
import type { Block, District } from '../catalog/types.js';
import { phoneticKey } from './normalize.js';

export interface EntityLexicon {
  affirm: string[];
  deny: string[];
  months: Record<string, string[]>;
  relativeDays: Record<string, string[]>;
  numbers: Record<string, string[]>;
  multipliers: Record<string, string[]>;
  namePrefixes: string[];
  gender: Record<string, string[]>;
  caste: Record<string, string[]>;
  correction: string[];
  /** Odia case endings that may be attached to a place name ("-re", "-ra"…). */
  caseSuffixes: string[];
}

// ---- checksums and patterns ----

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** The Verhoeff check that every Aadhaar number's last digit satisfies. */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const reversed = digits.split('').reverse();
  for (let i = 0; i < reversed.length; i++) c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![Number(reversed[i])]!]!;
  return c === 0;
}

/** Append the Verhoeff check digit (used to make valid test numbers). */
export function withVerhoeffDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (verhoeffValid(digits + d)) return digits + d;
  throw new Error('unreachable');
}

export function isOdishaPin(pin: string): boolean {
  return /^7[5-7]\d{4}$/.test(pin);
}

const AADHAAR = /(?<![\d])(\d{4})[ -]?(\d{4})[ -]?(\d{4})(?![\d])/g;
const MOBILE = /(?<![\d])(?:\+?91[ -]?|0)?([6-9]\d{4}[ -]?\d{5})(?![\d])/g;
const PIN = /(?<![\d])(\d{3}) ?(\d{3})(?![\d])/g;
const REFERENCE = /\bod-[a-z0-9]+(?:-[a-z0-9]+)+\b/gi;
const EMAIL = /[a-z0-9._+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const IFSC = /\b([a-z]{4}0[a-z0-9]{6})\b/gi;
const VEHICLE = /\b(od)[ -]?(\d{1,2})[ -]?([a-z]{0,3})[ -]?(\d{1,4})\b/gi;
const NUMERIC_DATE = /(?<![\d])(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?![\d])/g;
const YEAR = /(?<![\d])(19\d{2}|20\d{2})(?![\d])/g;

export function toIsoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

function fullYear(y: string, today: Date): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  const century = n + 2000 > today.getUTCFullYear() ? 1900 : 2000;
  return century + n;
}

interface Place {
  code: string;
  keys: string[];
}

export class EntityExtractor {
  private readonly districtPlaces: Place[];
  private readonly blockPlaces: Place[];
  private readonly monthWords: Map<string, number>;
  private readonly numberWords: Map<string, number>;
  private readonly multiplierWords: Map<string, number>;
  private readonly affirm: Set<string>;
  private readonly deny: Set<string>;
  private readonly caseSuffixes: string[];

  constructor(
    private readonly lexicon: EntityLexicon,
    districts: District[],
    blocks: Block[],
  ) {
    this.districtPlaces = districts.map((d) => ({
      code: d.code,
      keys: unique([d.name.en, d.name.or, d.headquarters, ...d.spellings].filter(Boolean).map(phoneticKey)),
    }));
    this.blockPlaces = blocks.map((b) => ({
      code: `${b.district}/${b.name.en}`,
      keys: unique([b.name.en, b.name.or].filter(Boolean).map(phoneticKey)),
    }));
    this.monthWords = invert(lexicon.months);
    this.numberWords = invert(lexicon.numbers);
    this.multiplierWords = invert(lexicon.multipliers);
    this.affirm = new Set(lexicon.affirm);
    this.deny = new Set(lexicon.deny);
    // Longest first, in the classifier's phonetic spelling.
    this.caseSuffixes = [...new Set(lexicon.caseSuffixes.map((x) => phoneticKey(x)))].filter(Boolean).sort((a, b) => b.length - a.length);
  }

  /** Every entity found in a normalised text. `today` anchors relative dates. */
  extract(text: string, today = new Date()): Entity[] {
    const entities: Entity[] = [];
    let rest = text;
    const take = (re: RegExp, make: (m: RegExpExecArray) => Entity | undefined) => {
      for (const m of rest.matchAll(re)) {
        const e = make(m);
        if (e) entities.push(e);
      }
      rest = rest.replace(re, (whole) => {
        return entities.some((e) => e.text === whole) ? ' '.repeat(whole.length) : whole;
      });
    };
    take(REFERENCE, (m) => ({ type: 'reference', value: m[0].toUpperCase(), text: m[0] }));
    take(EMAIL, (m) => ({ type: 'email', value: m[0].toLowerCase(), text: m[0] }));
    take(NUMERIC_DATE, (m) => {
      const iso = toIsoDate(fullYear(m[3]!, today), Number(m[2]), Number(m[1]));
      return { type: 'date', value: iso ?? '', text: m[0], invalid: iso ? undefined : 'not_a_date' };
    });
    for (const e of this.wordDates(rest, today)) entities.push(e);
    take(AADHAAR, (m) => {
      const digits = `${m[1]}${m[2]}${m[3]}`;
      const valid = /^[2-9]/.test(digits) && verhoeffValid(digits);
      return { type: 'aadhaar', value: digits, text: m[0], invalid: valid ? undefined : 'checksum' };
    });
    take(MOBILE, (m) => ({ type: 'mobile', value: m[1]!.replace(/[ -]/g, ''), text: m[0] }));
    take(PIN, (m) => {
      const pin = `${m[1]}${m[2]}`;
      return { type: 'pin', value: pin, text: m[0], invalid: isOdishaPin(pin) ? undefined : 'not_odisha' };
    });
    take(IFSC, (m) => ({ type: 'ifsc', value: m[1]!.toUpperCase(), text: m[0] }));
    take(VEHICLE, (m) => ({ type: 'vehicle_number', value: `${m[1]}${m[2]!.padStart(2, '0')}${m[3]}${m[4]!.padStart(4, '0')}`.toUpperCase(), text: m[0] }));
    for (const m of rest.matchAll(YEAR)) entities.push({ type: 'year', value: m[1]!, text: m[0] });
    const amount = this.number(rest);
    if (amount !== undefined) entities.push({ type: 'number', value: String(amount.value), text: amount.text });
    const district = this.district(text);
    if (district) entities.push(district);
    const yn = this.yesNo(text);
    if (yn) entities.push({ type: 'yes_no', value: yn, text });
    for (const [kind, words] of [['gender', this.lexicon.gender], ['caste', this.lexicon.caste]] as const) {
      const hit = findWord(text, words);
      if (hit) entities.push({ type: kind, value: hit.key, text: hit.word });
    }
    return entities;
  }

  /** "15 Aug 2020", "aug 15 2020", "15 ଅଗଷ୍ଟ 2020", "yesterday", "ଗତକାଲି". */
  private wordDates(text: string, today: Date): Entity[] {
    const out: Entity[] = [];
    const words = text.split(' ');
    for (let i = 0; i < words.length; i++) {
      const month = this.monthWords.get(words[i]!);
      if (month === undefined) continue;
      const before = words[i - 1];
      const after = words[i + 1];
      const afterAfter = words[i + 2];
      let day: number | undefined;
      let year: string | undefined;
      if (before && /^\d{1,2}(st|nd|rd|th)?$/.test(before)) {
        day = parseInt(before, 10);
        if (after && /^\d{2,4}$/.test(after)) year = after;
      } else if (after && /^\d{1,2}(st|nd|rd|th)?$/.test(after)) {
        day = parseInt(after, 10);
        if (afterAfter && /^\d{2,4}$/.test(afterAfter)) year = afterAfter;
      }
      if (day === undefined || year === undefined) continue;
      const iso = toIsoDate(fullYear(year, today), month, day);
      out.push({ type: 'date', value: iso ?? '', text: words.slice(Math.max(0, i - 1), i + 2).join(' '), invalid: iso ? undefined : 'not_a_date' });
    }
    for (const [offset, phrases] of Object.entries(this.lexicon.relativeDays)) {
      for (const phrase of phrases) {
        if (containsPhrase(text, phrase)) {
          const d = new Date(today.getTime() + Number(offset) * 86_400_000);
          out.push({ type: 'date', value: d.toISOString().slice(0, 10), text: phrase });
        }
      }
    }
    return out;
  }

  /** A number in digits ("25000", "25,000") or words ("two lakh", "ଦୁଇ ଲକ୍ଷ", "5 hajar"). */
  number(text: string): { value: number; text: string } | undefined {
    const digits = text.match(/(?<![\d.])(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)(?![\d])/);
    const words = text.split(' ');
    let total = 0;
    let current = 0;
    const used: string[] = [];
    for (const w of words) {
      const n = /^\d+(\.\d+)?$/.test(w) ? Number(w) : this.numberWords.get(w);
      const mult = this.multiplierWords.get(w);
      if (n !== undefined) {
        current += n;
        used.push(w);
      } else if (mult !== undefined && (current > 0 || used.length > 0)) {
        total += (current || 1) * mult;
        current = 0;
        used.push(w);
      } else if (used.length > 0 && (total > 0 || current > 0)) {
        break;
      }
    }
    total += current;
    if (used.length > 0 && used.some((w) => this.multiplierWords.has(w) || this.numberWords.has(w))) {
      return { value: total, text: used.join(' ') };
    }
    if (digits) return { value: Number(digits[1]!.replace(/,/g, '')), text: digits[0] };
    return undefined;
  }

  /** A district named anywhere in the text, allowing small misspellings. */
  district(text: string): Entity | undefined {
    const hit = this.place(text, this.districtPlaces);
    return hit && { type: 'district', value: hit.code, text: hit.text };
  }

  /** A block, optionally limited to one district. */
  block(text: string, district?: string): Entity | undefined {
    const places = district ? this.blockPlaces.filter((p) => p.code.startsWith(`${district}/`)) : this.blockPlaces;
    const hit = this.place(text, places);
    return hit && { type: 'block', value: hit.code, text: hit.text };
  }

  /** Best place whose key matches a run of words of the text (exact first, then within edit distance). */
  private place(text: string, places: Place[]): { code: string; text: string } | undefined {
    const words = phoneticKey(text).split(' ').filter(Boolean);
    return this.placeIn(words, places) ?? this.placeIn(words.map((w) => this.stem(w)), places);
  }

  /** A word without an Odia case ending ("katakare" → "katak"): place names are often written inflected. */
  private stem(word: string): string {
    for (const suffix of this.caseSuffixes) {
      if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
    }
    return word;
  }

  private placeIn(words: string[], places: Place[]): { code: string; text: string } | undefined {
    let best: { code: string; text: string; cost: number } | undefined;
    for (let n = 3; n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const phrase = words.slice(i, i + n).join(' ');
        const joined = words.slice(i, i + n).join('');
        for (const p of places) {
          for (const key of p.keys) {
            const k = key;
            if (k === phrase || k.replace(/ /g, '') === joined) return { code: p.code, text: phrase };
            if (k.length < 5 || Math.abs(k.length - phrase.length) > 2) continue;
            const allowed = k.length >= 8 ? 2 : 1;
            const cost = Math.min(distance(k, phrase), distance(k.replace(/ /g, ''), joined));
            if (cost <= allowed && (!best || cost < best.cost)) best = { code: p.code, text: phrase, cost };
          }
        }
      }
    }
    return best && { code: best.code, text: best.text };
  }

  /** The text corrects an earlier answer: it contains a correction word ("wrong", "change", "ଭୁଲ", "badala"…). */
  isCorrection(text: string): boolean {
    const words = text.trim().split(' ');
    // "no, my district is Puri": a "no" that goes on to say something else.
    if (words.length >= 3 && this.deny.has(words[0]!)) return true;
    const t = ` ${text.trim()} `;
    return this.lexicon.correction.some((w) => t.includes(` ${w} `) || (/[\u0B00-\u0B7F]/.test(w) && t.includes(` ${w}`)));
  }

  /** 'yes' or 'no' when the whole message is an answer to a yes/no question. */
  yesNo(text: string): 'yes' | 'no' | undefined {
    const t = text.trim();
    if (this.affirm.has(t)) return 'yes';
    if (this.deny.has(t)) return 'no';
    const words = t.split(' ');
    if (words.length > 4) return undefined;
    if (this.deny.has(words[0]!)) return 'no';
    if (this.affirm.has(words[0]!)) return 'yes';
    return undefined;
  }

  /** The name in an answer to "what is your name?", without "my name is" and the like. */
  name(original: string): string | undefined {
    let t = original.normalize('NFC').replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
    const lower = t.toLowerCase();
    for (const prefix of [...this.lexicon.namePrefixes].sort((a, b) => b.length - a.length)) {
      if (lower.startsWith(`${prefix} `)) {
        t = t.slice(prefix.length).trim();
        break;
      }
    }
    t = t.replace(/[.,।!]+$/u, '').replace(/\s+/g, ' ').trim();
    if (!/^[\p{L}\p{M} .'-]+$/u.test(t)) return undefined;
    if (t.replace(/[^\p{L}]/gu, '').length < 2) return undefined;
    return /^[a-z .'-]+$/.test(t) ? t.replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : t;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

function invert(map: Record<string, string[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [value, words] of Object.entries(map)) for (const w of words) out.set(w.toLowerCase(), Number(value));
  return out;
}

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase.toLowerCase()} `);
}

function findWord(text: string, groups: Record<string, string[]>): { key: string; word: string } | undefined {
  for (const [key, words] of Object.entries(groups)) {
    for (const w of [...words].sort((a, b) => b.length - a.length)) if (containsPhrase(text, w)) return { key, word: w };
  }
  return undefined;
}
