/**
 * Voice, as the pipeline sees it: a voice note in, text out (or a typed reason why not); text in, a voice
 * note out. Providers (OpenAI-compatible, Bhashini, pocketsphinx, espeak-ng) live behind these.
 */
import type { AudioSource, Language } from '../core.js';

export interface TranscribeHint {
  /** The citizen's language so far, if known. */
  language?: Language;
  /** Words the current question expects (district names, yes/no…), for providers that take a prompt. */
  vocabulary?: string[];
}

export type VoiceFailure = 'silence' | 'too_long' | 'too_large' | 'unsupported_format' | 'corrupt' | 'unavailable' | 'failed';

export type TranscribeOutcome =
  | { ok: true; text: string; language?: Language; confidence?: number }
  | { ok: false; reason: VoiceFailure; detail?: string };

export interface VoiceInput {
  transcribe(audio: AudioSource, hint: TranscribeHint): Promise<TranscribeOutcome>;
}

export interface VoiceOutput {
  /** A voice note (OGG/Opus) speaking `text`, or undefined when no speech provider is configured for `language`. */
  synthesize(text: string, language: Language): Promise<{ audio: Buffer; mimeType: string } | undefined>;
}
