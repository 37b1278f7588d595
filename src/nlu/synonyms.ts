/**
 * Synonyms (intents/nlu/_synonyms.yaml): variants of a word or phrase, in any script, are rewritten to one
 * canonical form on the phonetic key, so that training on one variant teaches them all ("jati praman patra",
 * "ଜାତି ପ୍ରମାଣପତ୍ର" and "caste certificate" become the same words).
 */
import { normalize, phoneticKey } from './normalize.js';

const ODIA = /[\u0B00-\u0B7F]/;

const MAX_PHRASE_WORDS = 4;

/**
 * Odia case endings glued to a word (ଜମିର, ଲାଇସେନ୍ସରେ, ପୁଅକୁ): NLP.js has no Odia stemmer, so an Odia word whose
 * ending comes off to leave a word the corpus knows also yields that stem, next to itself.
 */
export interface CaseEndings {
  /** Case suffixes as written in the lexicon (any script). */
  suffixes: string[];
  /** Phonetic words of the training corpus: a stem must be one of them. */
  vocabulary: ReadonlySet<string>;
}

const MIN_STEM = 3;

export class Canonicalizer {
  private readonly phrases = new Map<string, string>();
  private readonly endings: string[] = [];
  private readonly vocabulary: ReadonlySet<string> = new Set();

  constructor(synonyms: Record<string, string[]>, caseEndings?: CaseEndings) {
    if (caseEndings) {
      // A suffix's folded form, and without its vowel: ଲାଇସେନ୍ସର comes out as "laisensar" (the final 'a' dropped).
      const forms = caseEndings.suffixes.map((x) => phoneticKey(x)).flatMap((x) => (x.length > 1 && x.endsWith('a') ? [x, x.slice(0, -1)] : [x]));
      this.endings = [...new Set(forms)].filter(Boolean).sort((a, b) => b.length - a.length);
      this.vocabulary = caseEndings.vocabulary;
    }
    for (const [canonical, variants] of Object.entries(synonyms)) {
      const target = phoneticKey(canonical);
      for (const variant of [canonical, ...variants]) {
        const key = phoneticKey(variant);
        if (key && key.split(' ').length <= MAX_PHRASE_WORDS) this.phrases.set(key, target);
      }
    }
  }

  /** Rewrite a phonetic key: longest matching phrase first, whole words only. */
  apply(key: string): string {
    if (this.phrases.size === 0) return key;
    const words = key.split(' ').filter(Boolean);
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = false;
      for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
        const target = this.phrases.get(words.slice(i, i + n).join(' '));
        if (target !== undefined) {
          out.push(target);
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) out.push(words[i++]!);
    }
    return out.join(' ');
  }

  /** The classifier's key for a text: phonetic key, case-ending stems, then synonyms. */
  key(text: string): string {
    if (!this.endings.length || !ODIA.test(text)) return this.apply(phoneticKey(text));
    // Only words written in Odia script: romanised Odia writes most endings apart ("jami re"), and English
    // words would lose letters that are not endings ("officer", "time").
    const words = normalize(text)
      .split(' ')
      .flatMap((word) => {
        const keys = phoneticKey(word).split(' ').filter(Boolean);
        return ODIA.test(word) ? keys.flatMap((k) => this.withStem(k)) : keys;
      });
    return this.apply(words.join(' '));
  }

  /** The word, then its stem when a case ending comes off to leave a known word ("jamire" → "jamire jami"). */
  private withStem(word: string): string[] {
    for (const ending of this.endings) {
      if (!word.endsWith(ending) || word.length - ending.length < MIN_STEM) continue;
      const stem = word.slice(0, -ending.length);
      if (this.vocabulary.has(stem)) return [word, stem];
      // The inherent vowel before the ending: "laisensar" → "laisensa" → "laisens".
      if (stem.endsWith('a') && stem.length - 1 >= MIN_STEM && this.vocabulary.has(stem.slice(0, -1))) return [word, stem.slice(0, -1)];
    }
    return [word];
  }

  /** The phonetic words of some texts: the vocabulary case-ending stems are checked against. */
  static vocabulary(texts: Iterable<string>): Set<string> {
    const words = new Set<string>();
    for (const text of texts) for (const w of phoneticKey(text).split(' ')) if (w) words.add(w);
    return words;
  }
}
