/**
 * Offline text-to-speech with espeak-ng (Debian package `espeak-ng`): Odia (`-v or`) and English (`-v en`),
 * robotic but intelligible. Text goes in on stdin (never as an argument), WAV comes out on stdout.
 */
import type { Language } from '../../core.js';
import { wavSeconds } from '../audio.js';
import { ProcessError, runProcess } from '../exec.js';
import { ProviderError, type TtsProvider } from '../provider.js';

export const ESPEAK_BINARY = 'espeak-ng';

const VOICES: Record<Language, string> = { or: 'or', en: 'en' };
/** Words per minute: a little slower than espeak's 175 default, for listeners on a phone speaker. */
const SPEED = 150;

export interface EspeakOptions {
  binary: string;
  timeoutMs: number;
}

export function createEspeakTts(options: EspeakOptions): TtsProvider {
  return {
    name: 'espeak',
    supports: (language) => language in VOICES,
    async synthesize(text: string, language: Language) {
      try {
        const { stdout } = await runProcess(
          options.binary,
          ['-v', VOICES[language], '-s', String(SPEED), '-b', '1', '--stdout', '--stdin'],
          { stdin: text, timeoutMs: options.timeoutMs, maxStdoutBytes: 64 * 1024 * 1024 },
        );
        if (stdout.length <= 44) throw new ProviderError('failed', 'espeak-ng produced no audio');
        return { audio: stdout, seconds: wavSeconds(stdout) };
      } catch (err) {
        if (err instanceof ProviderError) throw err;
        const unavailable = err instanceof ProcessError && err.kind === 'spawn';
        throw new ProviderError(unavailable ? 'unavailable' : 'failed', err instanceof Error ? err.message : String(err));
      }
    },
  };
}
