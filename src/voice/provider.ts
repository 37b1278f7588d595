/**
 * What a speech provider implements, and the error it throws. index.ts routes between providers and turns
 * every error into a TranscribeOutcome; providers themselves may throw.
 */
import type { Language } from '../core.js';
import type { PreparedAudio } from './audio.js';
import type { TranscribeHint } from './types.js';

export type AsrProviderName = 'openai' | 'bhashini' | 'pocketsphinx';
export type TtsProviderName = 'bhashini' | 'openai' | 'espeak';

export interface AsrResult {
  text: string;
  language?: Language;
  /** 0..1 when the provider gives one. */
  confidence?: number;
}

export interface AsrProvider {
  readonly name: AsrProviderName;
  supports(language: Language): boolean;
  transcribe(audio: PreparedAudio, hint: TranscribeHint): Promise<AsrResult>;
}

export interface SynthesizedSpeech {
  /** Any audio container ffmpeg reads (WAV, OGG, MP3…); it is re-encoded as a voice note. */
  audio: Buffer;
  /** Length in seconds, when known. */
  seconds?: number;
}

export interface TtsProvider {
  readonly name: TtsProviderName;
  supports(language: Language): boolean;
  synthesize(text: string, language: Language): Promise<SynthesizedSpeech>;
}

/**
 * A provider call that did not work. 'unavailable': not usable as configured (credentials refused, service
 * not offered for the language); 'failed': this call failed (timeout, network, server error, bad answer).
 */
export class ProviderError extends Error {
  constructor(
    readonly reason: 'failed' | 'unavailable',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface PostJsonOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** Extra attempts after a timeout, a network error, 429 or 5xx. */
  retries: number;
  /** Name used in error messages. */
  what: string;
}

/** POST JSON, parse JSON; retries transient failures; throws ProviderError. */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  let lastError: ProviderError | undefined;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 250 * attempt));
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      lastError = new ProviderError('failed', `${options.what}: ${timedOut ? `no answer in ${options.timeoutMs} ms` : describeFetchError(err)}`);
      continue;
    }
    if (response.ok) {
      try {
        return await response.json();
      } catch {
        throw new ProviderError('failed', `${options.what}: the answer is not JSON`);
      }
    }
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    const error = new ProviderError(
      response.status === 401 || response.status === 403 ? 'unavailable' : 'failed',
      `${options.what}: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
      response.status,
    );
    if (response.status !== 429 && response.status < 500) throw error;
    lastError = error;
  }
  throw lastError ?? new ProviderError('failed', `${options.what}: no attempt made`);
}

function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

/** A phrase list for recognisers that take a prompt: distinct, in order, at most `maxChars` long. */
export function vocabularyPrompt(words: readonly string[], maxChars: number): string | undefined {
  const seen = new Set<string>();
  const kept: string[] = [];
  let length = 0;
  for (const raw of words) {
    const word = raw.replace(/\s+/g, ' ').trim();
    const key = word.toLowerCase();
    if (!word || seen.has(key)) continue;
    if (length + word.length + 2 > maxChars) break;
    seen.add(key);
    kept.push(word);
    length += word.length + 2;
  }
  return kept.length > 0 ? kept.join(', ') : undefined;
}
