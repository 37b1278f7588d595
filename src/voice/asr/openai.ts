/**
 * Speech-to-text through the OpenAI audio API, or any server that speaks it (OPENAI_BASE_URL: a
 * self-hosted IndicWhisper / IndicConformer behind an OpenAI-compatible endpoint, for instance).
 * The model name is configuration (ASR_MODEL), never code: models are renamed and retired.
 */
import OpenAI, { toFile } from 'openai';
import type { Language } from '../../core.js';
import { pcmToWav, type PreparedAudio } from '../audio.js';
import { ProviderError, vocabularyPrompt, type AsrProvider } from '../provider.js';
import type { TranscribeHint } from '../types.js';

export interface OpenAiAsrOptions {
  client: OpenAI;
  model: string;
  /** Words always worth priming the recogniser with (service names, districts); the hint's come first. */
  vocabulary?: readonly string[];
  /** Languages this server handles (OpenAI's whisper has no Odia; a self-hosted Indic model may). */
  languages?: readonly Language[];
}

/** Whisper reads at most 224 prompt tokens; this many characters stays under that for Latin and Odia text. */
const PROMPT_CHARS = 400;

export function createOpenAiAsr(options: OpenAiAsrOptions): AsrProvider {
  const languages = options.languages ?? ['en', 'or'];
  return {
    name: 'openai',
    supports: (language) => languages.includes(language),
    async transcribe(audio: PreparedAudio, hint: TranscribeHint) {
      const prompt = vocabularyPrompt([...(hint.vocabulary ?? []), ...(options.vocabulary ?? [])], PROMPT_CHARS);
      try {
        const result = await options.client.audio.transcriptions.create({
          file: await toFile(pcmToWav(audio.pcm, audio.sampleRate), 'voice.wav', { type: 'audio/wav' }),
          model: options.model,
          ...(hint.language ? { language: hint.language } : {}),
          ...(prompt ? { prompt } : {}),
          response_format: 'json',
        });
        return { text: (result.text ?? '').trim(), language: hint.language };
      } catch (err) {
        throw toProviderError(err);
      }
    },
  };
}

export function toProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new ProviderError('failed', 'OpenAI audio: timed out');
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    const unusable = err.status === 401 || err.status === 403 || err.status === 404;
    return new ProviderError(unusable ? 'unavailable' : 'failed', `OpenAI audio: HTTP ${err.status} ${err.message.slice(0, 200)}`, err.status);
  }
  return new ProviderError('failed', `OpenAI audio: ${err instanceof Error ? err.message : String(err)}`);
}
