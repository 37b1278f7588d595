import { afterAll, describe, expect, it } from 'vitest';
import { prepareAudio, defaultAudioLimits } from '../../src/voice/audio.js';
import { createFfmpeg, resolveFfmpeg } from '../../src/voice/ffmpeg.js';
import { createVoice, toSpeakable } from '../../src/voice/index.js';
import { config, isOggOpusMono, missingTools, silentLog, tempDir } from './fixtures.js';

describe('text prepared for speech', () => {
  it('drops WhatsApp markup, emoji and links, and makes lines sentences', () => {
    expect(toSpeakable('*Birth certificate* ✅\nDocuments:\n• Aadhaar card\n• Hospital slip\nSee https://edistrict.odisha.gov.in 🙏')).toBe(
      'Birth certificate. Documents: Aadhaar card. Hospital slip. See.',
    );
    expect(toSpeakable('ଆପଣଙ୍କ ଆବେଦନ ମିଳିଛି। 🙏')).toBe('ଆପଣଙ୍କ ଆବେଦନ ମିଳିଛି।');
    expect(toSpeakable('🎤 ✅')).toBe('');
  });
});

describe.skipIf(missingTools.length > 0)('voice replies with espeak-ng (offline default)', () => {
  const tmp = tempDir();
  const voice = createVoice(config(), silentLog);
  const ffmpeg = createFfmpeg(resolveFfmpeg()!);

  afterAll(() => tmp.cleanup());

  it('speaks English and Odia as OGG/Opus mono voice notes under 512 KB', async () => {
    expect(voice.describe()).toMatch(/speech replies: en → espeak; or → espeak/);
    for (const [language, text] of [
      ['en', 'Your application for a birth certificate has been received.'],
      ['or', 'ଆପଣଙ୍କ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ଆବେଦନ ମିଳିଛି। ଧନ୍ୟବାଦ।'],
    ] as const) {
      const reply = await voice.output.synthesize(text, language);
      expect(reply?.mimeType).toBe('audio/ogg');
      expect(isOggOpusMono(reply!.audio), language).toBe(true);
      expect(reply!.audio.length).toBeLessThanOrEqual(512 * 1024);
      const decoded = await prepareAudio(ffmpeg, reply!.audio, reply!.mimeType, defaultAudioLimits);
      expect(decoded.speechSeconds, language).toBeGreaterThan(1.5);
    }
  });

  it('keeps a maximal WhatsApp text (4096 characters, minutes of speech) under 512 KB', async () => {
    const sentence = 'Please bring your Aadhaar card, a passport photo and the hospital discharge slip to the Tahasil office. ';
    const text = sentence.repeat(Math.ceil(4096 / sentence.length)).slice(0, 4096);
    const reply = await voice.output.synthesize(text, 'en');
    expect(isOggOpusMono(reply!.audio)).toBe(true);
    expect(reply!.audio.length).toBeLessThanOrEqual(512 * 1024);
  }, 30_000);

  it('gives no voice note when speech is off, unavailable or there is nothing to say', async () => {
    expect(await createVoice(config({ TTS_PROVIDER: 'none' }), silentLog).output.synthesize('Hello', 'en')).toBeUndefined();
    const noEspeak = createVoice(config(), silentLog, { find: () => undefined });
    expect(await noEspeak.output.synthesize('Hello', 'en')).toBeUndefined();
    expect(noEspeak.describe()).toMatch(/speech replies: en → none; or → none/);
    expect(await voice.output.synthesize('✅', 'en')).toBeUndefined();
  });

  it('falls back to espeak-ng when the configured provider cannot be reached', async () => {
    const v = createVoice(
      config({ TTS_PROVIDER: 'openai', OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', VOICE_TIMEOUT_SECONDS: '1' }),
      silentLog,
    );
    const reply = await v.output.synthesize('Hello, this is a test.', 'en');
    expect(isOggOpusMono(reply!.audio)).toBe(true);
  }, 15_000);
});
