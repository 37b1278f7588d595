import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espeakToArpabet } from '../../src/voice/asr/pronounce.js';
import { GRAMMAR_CONFIDENCE_CAP, LM_CONFIDENCE_CAP, parseSegments } from '../../src/voice/asr/pocketsphinx.js';
import { createVoice } from '../../src/voice/index.js';
import { config, missingTools, silentLog, source, tempDir, tools, voiceNote } from './fixtures.js';

const DISTRICTS = [
  'Angul', 'Balangir', 'Balasore', 'Bargarh', 'Bhadrak', 'Boudh', 'Cuttack', 'Deogarh', 'Dhenkanal', 'Gajapati', 'Ganjam',
  'Jagatsinghpur', 'Jajpur', 'Jharsuguda', 'Kalahandi', 'Kandhamal', 'Kendrapara', 'Kendujhar', 'Khordha', 'Koraput',
  'Malkangiri', 'Mayurbhanj', 'Nabarangpur', 'Nayagarh', 'Nuapada', 'Puri', 'Rayagada', 'Sambalpur', 'Subarnapur', 'Sundargarh',
];

describe('pocketsphinx helpers', () => {
  it('translates espeak-ng phonemes to ARPAbet for words CMUdict lacks', () => {
    expect(espeakToArpabet("k_'o@_d_h_@")).toBe('K AO R D HH AH');
    expect(espeakToArpabet("s_'a_m_b_a#_l_p_,U@")).toBe('S AE M B AH L P UH R');
    expect(espeakToArpabet("k_,E_n_d_r_a#_p_'A@_r_@")).toBe('K EH N D R AH P AA R AH');
    expect(espeakToArpabet("dZ_'a_dZ_p_U@")).toBe('JH AE JH P UH R');
    expect(espeakToArpabet('Q_Q')).toBeUndefined();
  });

  it('reads word timings and posteriors from -time output', () => {
    const out = 'yes\n<s> 0.000 0.100 0.999700\nyes 0.110 0.430 1.000000\n</s> 0.440 0.890 1.000000\n';
    expect(parseSegments(out).map((s) => s.word)).toEqual(['<s>', 'yes', '</s>']);
  });
});

const skipReason = !tools.pocketsphinx
  ? 'pocketsphinx_continuous or pocketsphinx-en-us not installed (apt-get install pocketsphinx pocketsphinx-en-us)'
  : missingTools.join(', ');
if (skipReason) console.warn(`pocketsphinx recognition tests skipped: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('offline English recognition with the real pocketsphinx', () => {
  const tmp = tempDir();
  const notes: Record<string, Buffer> = {};
  const voice = createVoice(config(), silentLog);

  beforeAll(async () => {
    const phrases = { sambalpur: 'Sambalpur', khordha: 'Khordha', birth: 'birth certificate', weather: 'the weather is nice today' };
    const made = await Promise.all(Object.entries(phrases).map(([name, text]) => voiceNote(tmp.dir, name, text, 'en')));
    Object.keys(phrases).forEach((name, i) => (notes[name] = made[i]!));
  }, 30_000);

  afterAll(() => tmp.cleanup());

  it('is the default recogniser for English, and Odia has none', () => {
    expect(voice.describe()).toMatch(/en → pocketsphinx \(offline default/);
    expect(voice.describe()).toMatch(/or → none/);
  });

  it('recognises an expected answer exactly, including Odisha place names missing from CMUdict', async () => {
    const sambalpur = await voice.input.transcribe(source(notes.sambalpur!), { language: 'en', vocabulary: DISTRICTS });
    expect(sambalpur).toMatchObject({ ok: true, text: 'Sambalpur', language: 'en' });
    const khordha = await voice.input.transcribe(source(notes.khordha!), { language: 'en', vocabulary: DISTRICTS });
    expect(khordha).toMatchObject({ ok: true, text: 'Khordha' });
    if (khordha.ok) {
      expect(khordha.confidence).toBeGreaterThan(LM_CONFIDENCE_CAP);
      expect(khordha.confidence).toBeLessThanOrEqual(GRAMMAR_CONFIDENCE_CAP);
    }
  });

  it('recognises a multi-word phrase of the vocabulary', async () => {
    const outcome = await voice.input.transcribe(source(notes.birth!), {
      language: 'en',
      vocabulary: ['yes', 'no', 'birth certificate', 'income certificate', 'caste certificate', 'ration card', 'cancel'],
    });
    expect(outcome).toMatchObject({ ok: true, text: 'birth certificate' });
  });

  it('does not force speech outside the vocabulary onto it: general model, low confidence', async () => {
    const outcome = await voice.input.transcribe(source(notes.weather!), { language: 'en', vocabulary: DISTRICTS });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(DISTRICTS).not.toContain(outcome.text);
      expect(outcome.confidence).toBeLessThanOrEqual(LM_CONFIDENCE_CAP);
    }
  });

  it('uses the recogniser there is when the citizen\'s language is not known yet', async () => {
    const outcome = await voice.input.transcribe(source(notes.sambalpur!), { vocabulary: DISTRICTS });
    expect(outcome).toMatchObject({ ok: true, text: 'Sambalpur', language: 'en' });
  });

  it('refuses Odia voice notes politely when no Odia recogniser is configured', async () => {
    expect(await voice.input.transcribe(source(notes.sambalpur!), { language: 'or' })).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('is not used when it is not installed', async () => {
    const without = createVoice(config(), silentLog, { find: () => undefined });
    expect(without.describe()).toMatch(/en → none/);
    const outcome = await without.input.transcribe(source(notes.sambalpur!), { language: 'en' });
    expect(outcome).toMatchObject({ ok: false, reason: 'unavailable' });
  });
});
