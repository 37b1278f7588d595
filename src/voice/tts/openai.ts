/**
 * English text-to-speech through the OpenAI audio API (or a compatible server). OpenAI's voices have no Odia.
 * Model (TTS_MODEL) and voice (TTS_VOICE) are configuration.
 */
import type OpenAI from 'openai';
import type { Language } from '../../core.js';
import { toProviderError } from '../asr/openai.js';
import { ProviderError, type TtsProvider } from '../provider.js';

/** The speech endpoint's input limit, characters. */
const MAX_INPUT = 4096;

export interface OpenAiTtsOptions {
  client: OpenAI;
  model: string;
  voice: string;
  languages?: readonly Language[];
}

export function createOpenAiTts(options: OpenAiTtsOptions): TtsProvider {
  const languages = options.languages ?? ['en'];
  return {
    name: 'openai',
    supports: (language) => languages.includes(language),
    async synthesize(text: string) {
      try {
        const response = await options.client.audio.speech.create({
          model: options.model,
          voice: options.voice,
          input: text.slice(0, MAX_INPUT),
          response_format: 'opus',
        });
        const audio = Buffer.from(await response.arrayBuffer());
        if (audio.length === 0) throw new ProviderError('failed', 'OpenAI speech: empty answer');
        return { audio };
      } catch (err) {
        throw toProviderError(err);
      }
    },
  };
}
