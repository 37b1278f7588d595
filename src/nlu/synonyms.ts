/**
 * Synonyms (intents/nlu/_synonyms.yaml): variants of a word or phrase, in any script, are rewritten to one
 * canonical form on the phonetic key, so that training on one variant teaches them all ("jati praman patra",
 * "ଜାତି ପ୍ରମାଣପତ୍ର" and "caste certificate" become the same words).
 */
import { phoneticKey } from './normalize.js';

const MAX_PHRASE_WORDS = 4;

export class Canonicalizer {
  private readonly phrases = new Map<string, string>();

  constructor(synonyms: Record<string, string[]>) {
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

  /** The classifier's key for a text: phonetic key, then synonyms. */
  key(text: string): string {
    return this.apply(phoneticKey(text));
  }
}
