import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVoice } from '../../src/voice/index.js';
import {
  config, fakeServer, formData, isOggOpusMono, json, missingTools, silentLog, silentNote, source, tempDir, voiceNote, wavFormat,
  type FakeServer, type RecordedRequest,
} from './fixtures.js';

type Mode = 'ok' | 'fail-once' | 'hang' | 'unauthorized';

describe.skipIf(missingTools.length > 0)('OpenAI-compatible provider against a fake server on loopback', () => {
  const tmp = tempDir();
  let server: FakeServer;
  let mode: Mode = 'ok';
  let transcriptions: RecordedRequest[] = [];
  let en: Buffer;
  let silent: Buffer;
  let speechReply: Buffer;

  beforeAll(async () => {
    [en, silent, speechReply] = await Promise.all([
      voiceNote(tmp.dir, 'en', 'I want to apply for a birth certificate', 'en'),
      silentNote(tmp.dir, 2),
      voiceNote(tmp.dir, 'reply', 'Your application has been received.', 'en'),
    ]);
    server = await fakeServer(async (req, res) => {
      if (req.headers.authorization !== 'Bearer test-key' || mode === 'unauthorized') {
        return json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
      }
      if (req.url === '/v1/audio/transcriptions') {
        transcriptions.push(req);
        if (mode === 'hang') return; // never answers
        if (mode === 'fail-once' && transcriptions.length === 1) return json(res, 500, { error: { message: 'overloaded' } });
        return json(res, 200, { text: '  I want to apply for a birth certificate. ' });
      }
      if (req.url === '/v1/audio/speech') {
        const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
        if (body.model !== 'test-tts-model' || body.voice !== 'nova' || typeof body.input !== 'string') {
          return json(res, 400, { error: { message: `bad request ${JSON.stringify(body)}` } });
        }
        res.writeHead(200, { 'content-type': 'audio/ogg' });
        return void res.end(speechReply);
      }
      json(res, 404, { error: { message: `no route ${req.url}` } });
    });
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  beforeEach(() => {
    mode = 'ok';
    transcriptions = [];
  });

  const voice = (extra: Record<string, string> = {}) =>
    createVoice(
      config({
        ASR_PROVIDER: 'openai',
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: `${server.url}/v1`,
        ASR_MODEL: 'test-asr-model',
        TTS_PROVIDER: 'openai',
        TTS_MODEL: 'test-tts-model',
        TTS_VOICE: 'nova',
        ...extra,
      }),
      silentLog,
      { vocabulary: ['Income certificate', 'Khordha'] },
    );

  it('sends the 16 kHz WAV, model, language and vocabulary prompt as multipart, and returns the transcript', async () => {
    const outcome = await voice().input.transcribe(source(en), { language: 'en', vocabulary: ['Birth certificate', 'Sambalpur'] });
    expect(outcome).toEqual({ ok: true, text: 'I want to apply for a birth certificate.', language: 'en' });
    expect(transcriptions).toHaveLength(1);
    const form = await formData(transcriptions[0]!);
    expect(form.get('model')).toBe('test-asr-model');
    expect(form.get('language')).toBe('en');
    expect(form.get('response_format')).toBe('json');
    // The question's words first, then the always-on vocabulary.
    expect(form.get('prompt')).toBe('Birth certificate, Sambalpur, Income certificate, Khordha');
    const file = form.get('file') as File;
    expect(file.name).toBe('voice.wav');
    expect(file.type).toBe('audio/wav');
    const wav = Buffer.from(await file.arrayBuffer());
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wavFormat(wav)).toEqual({ sampleRate: 16_000, channels: 1, bits: 16 });
  });

  it('retries once after a server error', async () => {
    mode = 'fail-once';
    const outcome = await voice().input.transcribe(source(en), { language: 'en' });
    expect(outcome.ok).toBe(true);
    expect(transcriptions).toHaveLength(2);
  });

  it('gives up after the timeout and one retry, with reason "failed"', async () => {
    mode = 'hang';
    const started = performance.now();
    const outcome = await voice({ VOICE_TIMEOUT_SECONDS: '0.4' }).input.transcribe(source(en), { language: 'en' });
    expect(outcome).toMatchObject({ ok: false, reason: 'failed' });
    expect(transcriptions).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(8_000);
  }, 15_000);

  it('reports refused credentials as "unavailable"', async () => {
    mode = 'unauthorized';
    expect(await voice().input.transcribe(source(en), { language: 'en' })).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('makes no call for silence, and refuses an unsupported type without downloading it', async () => {
    expect(await voice().input.transcribe(source(silent), { language: 'en' })).toMatchObject({ ok: false, reason: 'silence' });
    const pdf = source(en, 'application/pdf');
    expect(await voice().input.transcribe(pdf, { language: 'en' })).toMatchObject({ ok: false, reason: 'unsupported_format' });
    expect(pdf.fetches).toBe(0);
    expect(transcriptions).toHaveLength(0);
  });

  it('reports a failed download as "failed"', async () => {
    const broken = { mimeType: 'audio/ogg', fetch: () => Promise.reject(new Error('media URL expired')) };
    expect(await voice().input.transcribe(broken, { language: 'en' })).toMatchObject({ ok: false, reason: 'failed' });
  });

  it('is "unavailable" without OPENAI_API_KEY', async () => {
    const v = createVoice(config({ ASR_PROVIDER: 'openai' }), silentLog);
    expect(await v.input.transcribe(source(en), { language: 'en' })).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(v.describe()).toContain('OPENAI_API_KEY is not set');
  });

  it('speaks English replies through the speech endpoint as an OGG/Opus voice note, Odia through espeak-ng', async () => {
    const v = voice();
    const english = await v.output.synthesize('*Done!* Your application has been received. ✅', 'en');
    expect(english?.mimeType).toBe('audio/ogg');
    expect(isOggOpusMono(english!.audio)).toBe(true);
    expect(english!.audio.length).toBeLessThanOrEqual(512 * 1024);
    const speech = server.requests.filter((r) => r.url === '/v1/audio/speech').at(-1)!;
    expect(JSON.parse(speech.body.toString('utf8'))).toEqual({
      model: 'test-tts-model',
      voice: 'nova',
      input: 'Done! Your application has been received.',
      response_format: 'opus',
    });
    const odia = await v.output.synthesize('ଆପଣଙ୍କ ଆବେଦନ ମିଳିଛି।', 'or');
    expect(isOggOpusMono(odia!.audio)).toBe(true);
    expect(server.requests.filter((r) => r.url === '/v1/audio/speech')).toHaveLength(1);
  });
});
