/**
 * Offline English speech-to-text with Debian's pocketsphinx (`pocketsphinx_continuous` from the `pocketsphinx`
 * package, US English model from `pocketsphinx-en-us`). No network, no key; weak.
 *
 * Measured on synthetic speech: the general language model gets most words wrong (55–75 % word error), while
 * a small grammar of the answers the bot expects is nearly always exact when the citizen says one of them and
 * confidently wrong when they do not. So when the dialog passes vocabulary:
 * - a grammar of the vocabulary phrases is decoded first, and used when its words account for most of the
 *   speech the audio contains (confidence ≤ GRAMMAR_CONFIDENCE_CAP);
 * - otherwise the general model decodes it, with confidence capped at LM_CONFIDENCE_CAP so the dialog reads
 *   the transcript back before acting on it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { pcmToWav, type PreparedAudio } from '../audio.js';
import { findExecutable, ProcessError, runProcess } from '../exec.js';
import { ProviderError, type AsrProvider } from '../provider.js';
import type { TranscribeHint } from '../types.js';
import { createLexicon, type Lexicon } from './pronounce.js';

export const POCKETSPHINX_BINARY = 'pocketsphinx_continuous';
const MODEL_DIRS = ['/usr/share/pocketsphinx/model/en-us', '/usr/local/share/pocketsphinx/model/en-us'];

export interface PocketsphinxInstall {
  binary: string;
  /** Acoustic model directory, language model and dictionary of the US English model. */
  hmm: string;
  lm: string;
  dict: string;
}

/** The installed recogniser and model, or undefined when either is missing. */
export function findPocketsphinx(find: (name: string) => string | undefined = findExecutable): PocketsphinxInstall | undefined {
  const binary = find(POCKETSPHINX_BINARY);
  if (!binary) return undefined;
  for (const dir of MODEL_DIRS) {
    const install = { binary, hmm: join(dir, 'en-us'), lm: join(dir, 'en-us.lm.bin'), dict: join(dir, 'cmudict-en-us.dict') };
    if (existsSync(install.hmm) && existsSync(install.lm) && existsSync(install.dict)) return install;
  }
  return undefined;
}

export interface PocketsphinxOptions {
  install: PocketsphinxInstall;
  /** espeak-ng, to pronounce vocabulary words missing from CMUdict (place names). */
  espeakPath?: string;
  /** Each decode is killed after max(timeoutMs, 2 × the audio's length). */
  timeoutMs: number;
}

/** The general model's confidence never exceeds this: its transcripts must be confirmed. */
export const LM_CONFIDENCE_CAP = 0.5;
/**
 * A grammar match is usually right but not always (27 of 30 district names spoken by espeak-ng were exact, the
 * other 3 were other districts), so even a full match stays below "certain".
 */
export const GRAMMAR_CONFIDENCE_CAP = 0.85;
/** A grammar decode is trusted when its words cover at least this share of the detected speech. */
const MIN_GRAMMAR_COVERAGE = 0.6;
const MAX_GRAMMAR_PHRASES = 500;
const limit = pLimit(2);

interface WordSegment {
  word: string;
  start: number;
  end: number;
  posterior: number;
}

export function createPocketsphinxAsr(options: PocketsphinxOptions): AsrProvider {
  const lexicon = createLexicon(options.install.dict, options.espeakPath);
  return {
    name: 'pocketsphinx',
    supports: (language) => language === 'en',
    async transcribe(audio: PreparedAudio, hint: TranscribeHint) {
      const dir = await mkdtemp(join(tmpdir(), 'seva-sphinx-'));
      try {
        const wav = join(dir, 'voice.wav');
        await writeFile(wav, pcmToWav(audio.pcm, audio.sampleRate));
        const timeoutMs = Math.max(options.timeoutMs, audio.seconds * 2000);
        const grammar = hint.vocabulary?.length ? await writeGrammar(dir, hint.vocabulary, lexicon) : undefined;
        if (grammar) {
          // The grammar decode is fast (a small dictionary, no language model): try it first.
          const words = spoken(await decode(options.install, wav, ['-jsgf', grammar.jsgf, '-dict', grammar.dict], timeoutMs));
          const covered = words.reduce((sum, w) => sum + (w.end - w.start), 0);
          const coverage = audio.speechSeconds > 0 ? covered / audio.speechSeconds : 0;
          const phrase = grammar.phrases.get(words.map((w) => w.word).join(' '));
          if (phrase && coverage >= MIN_GRAMMAR_COVERAGE) {
            return { text: phrase, language: 'en' as const, confidence: round(Math.min(GRAMMAR_CONFIDENCE_CAP, 0.45 + 0.4 * coverage)) };
          }
        }
        const general = await decode(options.install, wav, ['-lm', options.install.lm, '-dict', options.install.dict], timeoutMs);
        const words = spoken(general);
        const mean = words.length > 0 ? words.reduce((sum, w) => sum + Math.min(1, w.posterior), 0) / words.length : 0;
        return { text: words.map((w) => w.word).join(' '), language: 'en' as const, confidence: round(Math.min(LM_CONFIDENCE_CAP, mean)) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

async function decode(install: PocketsphinxInstall, wav: string, model: string[], timeoutMs: number): Promise<WordSegment[]> {
  try {
    const { stdout } = await limit(() =>
      runProcess(install.binary, ['-infile', wav, '-hmm', install.hmm, ...model, '-time', 'yes', '-logfn', '/dev/null'], {
        timeoutMs,
        maxStdoutBytes: 4 * 1024 * 1024,
      }),
    );
    return parseSegments(stdout.toString('utf8'));
  } catch (err) {
    if (err instanceof ProcessError && err.kind === 'spawn') throw new ProviderError('unavailable', err.message);
    throw new ProviderError('failed', err instanceof Error ? err.message : String(err));
  }
}

/** Word lines of `-time yes` output: "word start end posterior"; hypothesis lines are skipped. */
export function parseSegments(output: string): WordSegment[] {
  const segments: WordSegment[] = [];
  for (const line of output.split('\n')) {
    const match = /^(\S+) (\d+\.\d+) (\d+\.\d+) (\d+\.\d+)$/.exec(line.trim());
    if (match) segments.push({ word: match[1]!, start: Number(match[2]), end: Number(match[3]), posterior: Number(match[4]) });
  }
  return segments;
}

/** Real words only (no <s>, </s>, <sil>, [NOISE], ++FILLER++), alternates "to(3)" reduced to "to". */
function spoken(segments: WordSegment[]): WordSegment[] {
  return segments
    .filter((s) => !/^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(s.word))
    .map((s) => ({ ...s, word: s.word.replace(/\(\d+\)$/, '') }));
}

interface Grammar {
  jsgf: string;
  dict: string;
  /** Normalised word sequence → the vocabulary entry as the dialog wrote it. */
  phrases: Map<string, string>;
}

/** A JSGF grammar with one alternative per vocabulary phrase that can be pronounced, and its dictionary. */
async function writeGrammar(dir: string, vocabulary: readonly string[], lexicon: Lexicon): Promise<Grammar | undefined> {
  const candidates = new Map<string, string>();
  for (const entry of vocabulary) {
    const words = normalisePhrase(entry);
    if (words.length === 0 || words.length > 8) continue;
    const key = words.join(' ');
    if (!candidates.has(key)) candidates.set(key, entry.trim());
    if (candidates.size >= MAX_GRAMMAR_PHRASES) break;
  }
  if (candidates.size === 0) return undefined;
  const prons = await lexicon.pronounce([...candidates.keys()].flatMap((k) => k.split(' ')));
  const phrases = new Map([...candidates].filter(([key]) => key.split(' ').every((w) => prons.has(w))));
  if (phrases.size === 0) return undefined;
  const used = new Set([...phrases.keys()].flatMap((k) => k.split(' ')));
  const jsgf = join(dir, 'answers.gram');
  const dict = join(dir, 'answers.dict');
  await writeFile(jsgf, `#JSGF V1.0;\ngrammar answers;\npublic <answer> = ${[...phrases.keys()].join(' | ')};\n`);
  await writeFile(dict, [...used].map((w) => `${w} ${prons.get(w)}\n`).join(''));
  return { jsgf, dict, phrases };
}

/** Lower-case ASCII words; a phrase with anything else (Odia script, symbols) cannot be in an English grammar. */
function normalisePhrase(phrase: string): string[] {
  const words = phrase.toLowerCase().replace(/[.,!?;:()"“”‘’/-]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words.every((w) => /^[a-z][a-z']*$|^\d+$/.test(w)) ? words : [];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
