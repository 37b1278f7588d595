import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVoice } from '../../src/voice/index.js';
import {
  config, espeakWav, fakeServer, isOggOpusMono, json, missingTools, silentLog, source, tempDir, voiceNote, wavFormat,
  type FakeServer,
} from './fixtures.js';

const ODIA_TRANSCRIPT = 'ମୁଁ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ପାଇଁ ଆବେଦନ କରିବାକୁ ଚାହୁଁଛି';

interface TaskBody {
  pipelineTasks: Array<{ taskType: string; config: Record<string, any> }>;
  pipelineRequestConfig?: { pipelineId: string };
  inputData?: Record<string, any>;
}

describe.skipIf(missingTools.length > 0)('Bhashini provider against a fake ULCA pipeline on loopback', () => {
  const tmp = tempDir();
  let server: FakeServer;
  let odiaNote: Buffer;
  let ttsWav: Buffer;
  let inferenceKey = 'inference-key-1';
  let configCalls: TaskBody[] = [];
  let inferenceCalls: Array<{ body: TaskBody; authorization: string | undefined }> = [];
  const problems: string[] = [];

  beforeAll(async () => {
    [odiaNote, ttsWav] = await Promise.all([
      voiceNote(tmp.dir, 'or', ODIA_TRANSCRIPT, 'or'),
      espeakWav('ଆପଣଙ୍କ ଆବେଦନ ମିଳିଛି।', 'or'),
    ]);
    server = await fakeServer((req, res) => {
      const body = JSON.parse(req.body.toString('utf8')) as TaskBody;
      if (req.headers['content-type'] !== 'application/json') problems.push(`content-type ${req.headers['content-type']}`);
      if (req.url === '/ulca/apis/v0/model/getModelsPipeline') {
        configCalls.push(body);
        if (req.headers.userid !== 'user-1' || req.headers.ulcaapikey !== 'ulca-key-1') {
          return json(res, 401, { message: 'Invalid userID or ulcaApiKey' });
        }
        if (body.pipelineRequestConfig?.pipelineId !== 'pipeline-1') return json(res, 400, { message: 'unknown pipeline' });
        const task = body.pipelineTasks[0]!;
        const language = task.config.language.sourceLanguage as string;
        return json(res, 200, {
          languages: [{ sourceLanguage: language, targetLanguageList: [] }],
          pipelineResponseConfig: [
            {
              taskType: task.taskType,
              config: [
                { serviceId: `ai4bharat/${task.taskType}-hi`, modelId: 'm0', language: { sourceLanguage: 'hi', sourceScriptCode: 'Deva' } },
                { serviceId: `ai4bharat/${task.taskType}-${language}`, modelId: 'm1', language: { sourceLanguage: language, sourceScriptCode: 'Orya' } },
              ],
            },
          ],
          pipelineInferenceAPIEndPoint: {
            callbackUrl: `${server.url}/services/inference/pipeline`,
            inferenceApiKey: { name: 'Authorization', value: inferenceKey },
          },
        });
      }
      if (req.url === '/services/inference/pipeline') {
        inferenceCalls.push({ body, authorization: req.headers.authorization });
        if (req.headers.authorization !== inferenceKey) return json(res, 401, { detail: 'invalid key' });
        const task = body.pipelineTasks[0]!;
        if (task.taskType === 'asr') {
          return json(res, 200, { pipelineResponse: [{ taskType: 'asr', config: null, output: [{ source: ODIA_TRANSCRIPT }], audio: null }] });
        }
        return json(res, 200, {
          pipelineResponse: [{ taskType: 'tts', config: { audioFormat: 'wav', language: { sourceLanguage: 'or' }, encoding: 'base64', samplingRate: 22050 }, output: null, audio: [{ audioContent: ttsWav.toString('base64'), audioUri: null }] }],
        });
      }
      json(res, 404, { message: `no route ${req.url}` });
    });
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  beforeEach(() => {
    configCalls = [];
    inferenceCalls = [];
  });

  const voice = () =>
    createVoice(
      config({
        ASR_PROVIDER_OR: 'bhashini',
        TTS_PROVIDER: 'bhashini',
        BHASHINI_USER_ID: 'user-1',
        BHASHINI_API_KEY: 'ulca-key-1',
        BHASHINI_PIPELINE_ID: 'pipeline-1',
        BHASHINI_CONFIG_URL: `${server.url}/ulca/apis/v0/model/getModelsPipeline`,
      }),
      silentLog,
    );

  it('transcribes Odia: config call, then inference with the returned key, service and base64 WAV', async () => {
    const v = voice();
    expect(v.describe()).toContain('or → bhashini');
    const outcome = await v.input.transcribe(source(odiaNote), { language: 'or', vocabulary: ['ଖୋର୍ଦ୍ଧା'] });
    expect(outcome).toEqual({ ok: true, text: ODIA_TRANSCRIPT, language: 'or' });

    expect(configCalls).toEqual([
      { pipelineTasks: [{ taskType: 'asr', config: { language: { sourceLanguage: 'or' } } }], pipelineRequestConfig: { pipelineId: 'pipeline-1' } },
    ]);
    expect(inferenceCalls).toHaveLength(1);
    const { body, authorization } = inferenceCalls[0]!;
    expect(authorization).toBe('inference-key-1');
    expect(body.pipelineTasks).toEqual([
      { taskType: 'asr', config: { language: { sourceLanguage: 'or' }, serviceId: 'ai4bharat/asr-or', audioFormat: 'wav', samplingRate: 16000 } },
    ]);
    const wav = Buffer.from(body.inputData!.audio[0].audioContent as string, 'base64');
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wavFormat(wav)).toEqual({ sampleRate: 16_000, channels: 1, bits: 16 });
    expect(wav.length).toBeGreaterThan(16_000 * 2); // more than a second of speech
    expect(problems).toEqual([]);

    // The configuration is cached: a second voice note makes one call only.
    await v.input.transcribe(source(odiaNote), { language: 'or' });
    expect(configCalls).toHaveLength(1);
    expect(inferenceCalls).toHaveLength(2);
  });

  it('fetches the configuration again when the inference key was rotated', async () => {
    const v = voice();
    await v.input.transcribe(source(odiaNote), { language: 'or' });
    inferenceKey = 'inference-key-2';
    const outcome = await v.input.transcribe(source(odiaNote), { language: 'or' });
    expect(outcome.ok).toBe(true);
    expect(configCalls).toHaveLength(2);
    expect(inferenceCalls.map((c) => c.authorization)).toEqual(['inference-key-1', 'inference-key-1', 'inference-key-2']);
  });

  it('reports refused ULCA credentials as "unavailable", and English stays on its own route', async () => {
    const v = createVoice(
      config({
        ASR_PROVIDER_OR: 'bhashini',
        BHASHINI_USER_ID: 'user-1',
        BHASHINI_API_KEY: 'wrong',
        BHASHINI_PIPELINE_ID: 'pipeline-1',
        BHASHINI_CONFIG_URL: `${server.url}/ulca/apis/v0/model/getModelsPipeline`,
      }),
      silentLog,
      { find: () => undefined },
    );
    expect(await v.input.transcribe(source(odiaNote), { language: 'or' })).toMatchObject({ ok: false, reason: 'unavailable' });
    // No ASR_PROVIDER_EN / ASR_PROVIDER and (here) no pocketsphinx: English has no recogniser.
    expect(await v.input.transcribe(source(odiaNote), { language: 'en' })).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('speaks Odia replies: tts task, gender, base64 WAV back, re-encoded as an OGG/Opus voice note', async () => {
    const reply = await voice().output.synthesize('ଆପଣଙ୍କ ଆବେଦନ ମିଳିଛି। 🙏', 'or');
    expect(reply?.mimeType).toBe('audio/ogg');
    expect(isOggOpusMono(reply!.audio)).toBe(true);
    expect(reply!.audio.length).toBeLessThanOrEqual(512 * 1024);
    expect(configCalls[0]!.pipelineTasks[0]!.taskType).toBe('tts');
    expect(inferenceCalls[0]!.body).toEqual({
      pipelineTasks: [{ taskType: 'tts', config: { language: { sourceLanguage: 'or' }, serviceId: 'ai4bharat/tts-or', gender: 'female' } }],
      inputData: { input: [{ source: 'ଆପଣଙ୍କ ଆବେଦନ ମିଳିଛି।' }] },
    });
  });
});
