/** Text-to-speech through Bhashini (AI4Bharat voices): natural Odia, and English. */
import type { Language } from '../../core.js';
import { wavSeconds } from '../audio.js';
import type { BhashiniClient } from '../bhashini.js';
import { ProviderError, type TtsProvider } from '../provider.js';

export interface BhashiniTtsOptions {
  client: BhashiniClient;
  gender: 'female' | 'male';
}

export function createBhashiniTts(options: BhashiniTtsOptions): TtsProvider {
  return {
    name: 'bhashini',
    supports: (language) => language === 'or' || language === 'en',
    async synthesize(text: string, language: Language) {
      const response = await options.client.infer('tts', language, { gender: options.gender }, { input: [{ source: text }] });
      const content = response.audio?.[0]?.audioContent;
      if (!content) throw new ProviderError('failed', 'Bhashini tts: no audio in the answer');
      const audio = Buffer.from(content, 'base64');
      if (audio.length === 0) throw new ProviderError('failed', 'Bhashini tts: empty audio');
      return { audio, seconds: wavSeconds(audio) };
    },
  };
}
