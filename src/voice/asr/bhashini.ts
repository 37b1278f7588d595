/** Speech-to-text through Bhashini (AI4Bharat models): Odia and English, 16 kHz WAV sent as base64. */
import { pcmToWav, type PreparedAudio } from '../audio.js';
import type { BhashiniClient } from '../bhashini.js';
import { ProviderError, type AsrProvider } from '../provider.js';
import type { TranscribeHint } from '../types.js';

export function createBhashiniAsr(client: BhashiniClient): AsrProvider {
  return {
    name: 'bhashini',
    supports: (language) => language === 'or' || language === 'en',
    async transcribe(audio: PreparedAudio, hint: TranscribeHint) {
      // Bhashini needs the language: without a hint we ask for Odia, the language of most citizens.
      const language = hint.language ?? 'or';
      const response = await client.infer(
        'asr',
        language,
        { audioFormat: 'wav', samplingRate: audio.sampleRate },
        { audio: [{ audioContent: pcmToWav(audio.pcm, audio.sampleRate).toString('base64') }] },
      );
      const text = response.output?.[0]?.source;
      if (typeof text !== 'string') throw new ProviderError('failed', 'Bhashini asr: no transcript in the answer');
      return { text: text.trim(), language };
    },
  };
}
