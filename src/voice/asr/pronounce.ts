/**
 * Pronunciations for pocketsphinx's dictionary: CMUdict when the word is there, otherwise espeak-ng's English
 * phonemes translated to CMU ARPAbet. Odisha's place names (Khordha, Nabarangpur, Jajpur…) are not in
 * CMUdict, and without a dictionary entry a word cannot be recognised at all.
 */
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { runProcess } from '../exec.js';

/** espeak-ng phoneme mnemonics (en-us, after stress marks are removed) → ARPAbet. Longest match first. */
const ESPEAK_TO_ARPABET: Record<string, string[]> = {
  // vowels and diphthongs
  'aI@': ['AY', 'ER'], 'aU@': ['AW', 'ER'], 'i@3': ['IY', 'R'], 'U@': ['UH', 'R'], 'o@': ['AO', 'R'], 'O@': ['AO', 'R'],
  'A@': ['AA', 'R'], 'e@': ['EH', 'R'], 'i@': ['IY', 'R'], '@L': ['AH', 'L'], '3:': ['ER'], 'A:': ['AA'], 'O:': ['AO'],
  'i:': ['IY'], 'u:': ['UW'], 'aI': ['AY'], 'aU': ['AW'], 'eI': ['EY'], 'oU': ['OW'], 'OI': ['OY'], 'a#': ['AH'],
  'VR': ['AH', 'R'], 'IR': ['IH', 'R'], '3': ['ER'], '@': ['AH'], 'a': ['AE'], 'A': ['AA'], '0': ['AA'], 'V': ['AH'],
  'E': ['EH'], 'e': ['EH'], 'I': ['IH'], 'i': ['IY'], 'O': ['AO'], 'o': ['OW'], 'U': ['UH'], 'u': ['UW'],
  // consonants
  'tS': ['CH'], 'dZ': ['JH'], 'p': ['P'], 'b': ['B'], 't': ['T'], 'd': ['D'], 'k': ['K'], 'g': ['G'], 'f': ['F'],
  'v': ['V'], 'T': ['TH'], 'D': ['DH'], 's': ['S'], 'z': ['Z'], 'S': ['SH'], 'Z': ['ZH'], 'h': ['HH'], 'm': ['M'],
  'n': ['N'], 'N': ['NG'], 'l': ['L'], 'r': ['R'], 'w': ['W'], 'j': ['Y'], 'x': ['K'], 'C': ['HH'],
};
const SYMBOLS = Object.keys(ESPEAK_TO_ARPABET).sort((a, b) => b.length - a.length);

/**
 * Translate espeak-ng `-x --sep=_` output for one word ("k_'o@_d_h_@") to ARPAbet ("K AO R D HH AH");
 * undefined when a phoneme has no equivalent.
 */
export function espeakToArpabet(phonemes: string): string | undefined {
  const out: string[] = [];
  for (const raw of phonemes.trim().split(/[_\s]+/)) {
    // Stress and syllable marks; glottal stops and pauses carry no phone.
    let phoneme = raw.replace(/[',%=;?|]/g, '');
    if (phoneme === '') continue;
    while (phoneme.length > 0) {
      const symbol = SYMBOLS.find((s) => phoneme.startsWith(s));
      if (!symbol) {
        // Variant markers espeak appends (t#, @2, n-, l/, r-) map to their base phoneme.
        if (/^[#2-9\-/!]/.test(phoneme)) {
          phoneme = phoneme.slice(1);
          continue;
        }
        return undefined;
      }
      out.push(...ESPEAK_TO_ARPABET[symbol]!);
      phoneme = phoneme.slice(symbol.length);
    }
  }
  // espeak marks r-colouring twice ("A@" + "r" → AA R R): a phone never follows itself in a CMU entry.
  const phones = out.filter((phone, i) => phone !== out[i - 1]);
  return phones.length > 0 ? phones.join(' ') : undefined;
}

export interface Lexicon {
  /** ARPAbet for each word that can be pronounced (lower-case keys); words that cannot are left out. */
  pronounce(words: readonly string[]): Promise<Map<string, string>>;
}

/** A lexicon over CMUdict (`dictPath`), falling back to espeak-ng (`espeakPath`, optional). */
export function createLexicon(dictPath: string, espeakPath: string | undefined): Lexicon {
  let dict: Promise<Map<string, string>> | undefined;
  const guessed = new Map<string, string | null>();
  const espeakLimit = pLimit(4);
  const loadDict = () => (dict ??= readFile(dictPath, 'utf8').then(parseDict));
  const espeak = async (text: string): Promise<string[]> => {
    if (!espeakPath) return [];
    const result = await espeakLimit(() =>
      runProcess(espeakPath, ['-v', 'en-us', '-q', '-x', '--sep=_', '--stdin'], { stdin: text, timeoutMs: 10_000, maxStdoutBytes: 1024 * 1024 }),
    ).catch(() => undefined);
    return (result?.stdout.toString('utf8') ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  };
  // One phoneme group per word; a word that comes back as several (a number, an abbreviation) is left out.
  const toArpabet = (line: string) => (/\s/.test(line) ? null : (espeakToArpabet(line) ?? null));
  /**
   * Ask espeak-ng for every unknown word in one run (each start costs ~0.1 s): words separated by commas come
   * back one clause per line. If the lines do not line up with the words, ask one word at a time.
   */
  const guess = async (words: string[]): Promise<void> => {
    const unknown = words.filter((w) => !guessed.has(w));
    if (unknown.length === 0 || !espeakPath) return;
    const lines = await espeak(unknown.join(', '));
    if (lines.length === unknown.length) {
      unknown.forEach((word, i) => guessed.set(word, toArpabet(lines[i]!)));
      return;
    }
    await Promise.all(
      unknown.map(async (word) => {
        const single = await espeak(word);
        guessed.set(word, single.length === 1 ? toArpabet(single[0]!) : null);
      }),
    );
  };
  return {
    async pronounce(words) {
      const entries = await loadDict();
      const wanted = [...new Set(words.map((w) => w.toLowerCase()))];
      await guess(wanted.filter((w) => !entries.has(w)));
      const out = new Map<string, string>();
      for (const word of wanted) {
        const pron = entries.get(word) ?? guessed.get(word);
        if (pron) out.set(word, pron);
      }
      return out;
    },
  };
}

function parseDict(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space);
    // Alternatives are written word(2): the first pronunciation is enough for a grammar.
    if (word.includes('(')) continue;
    entries.set(word.toLowerCase(), line.slice(space + 1).trim());
  }
  return entries;
}
