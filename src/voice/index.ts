/**
 * Voice for the pipeline: `input` turns a voice note into text (or a typed reason why not), `output` turns a
 * reply into a voice note. Providers are chosen from configuration and the citizen's language:
 *
 * speech-to-text, per language: ASR_PROVIDER_OR / ASR_PROVIDER_EN, else ASR_PROVIDER, else pocketsphinx for
 *   English when it is installed; nothing for Odia (no offline Odia recogniser exists).
 * text-to-speech: TTS_PROVIDER, else espeak-ng when installed. A provider that cannot speak a language
 *   (OpenAI has no Odia) or that fails falls back to espeak-ng when it is installed.
 *
 * Nothing here throws to the caller: every failure is a TranscribeOutcome reason, or `undefined` speech.
 */
import OpenAI from 'openai';
import type { AudioSource, Language } from '../core.js';
import { whatsappLimits, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { LANGUAGES } from '../catalog/types.js';
import { AudioError, encodeVoiceNote, isAllowedMimeType, isSilent, prepareAudio, type AudioLimits } from './audio.js';
import { createBhashiniAsr } from './asr/bhashini.js';
import { createOpenAiAsr } from './asr/openai.js';
import { createPocketsphinxAsr, findPocketsphinx, POCKETSPHINX_BINARY } from './asr/pocketsphinx.js';
import { BhashiniClient } from './bhashini.js';
import { findExecutable } from './exec.js';
import { createFfmpeg, resolveFfmpeg, type Ffmpeg } from './ffmpeg.js';
import { ProviderError, type AsrProvider, type AsrProviderName, type TtsProvider } from './provider.js';
import { createBhashiniTts } from './tts/bhashini.js';
import { createEspeakTts, ESPEAK_BINARY } from './tts/espeak.js';
import { createOpenAiTts } from './tts/openai.js';
import type { TranscribeHint, TranscribeOutcome, VoiceFailure, VoiceInput, VoiceOutput } from './types.js';

export type { TranscribeHint, TranscribeOutcome, VoiceFailure, VoiceInput, VoiceOutput } from './types.js';

/** The media type of the voice notes `output` makes (OGG container, Opus codec), as WhatsApp's upload wants it. */
export const VOICE_NOTE_MIME_TYPE = 'audio/ogg';

/** Every reason a voice note can fail, in the order of the locale files (voice-failed-<reason>). */
export const VOICE_FAILURES: readonly VoiceFailure[] = [
  'silence', 'too_long', 'too_large', 'unsupported_format', 'corrupt', 'unavailable', 'failed',
];

export interface Voice {
  input: VoiceInput;
  output: VoiceOutput;
  /** Whether replies can be spoken at all (a speech provider and ffmpeg exist). */
  speaks: boolean;
  /** One line per language saying which providers are in use and why, for start-up logs and /health. */
  describe(): string;
}

export interface CreateVoiceOptions {
  /** Words to prime prompt-taking recognisers with on every call (service names, districts). */
  vocabulary?: readonly string[];
  /** How executables are looked up (tests replace it to simulate a machine without them). */
  find?: (name: string) => string | undefined;
}

interface AsrRoute {
  provider?: AsrProvider;
  /** Why this provider, or why none. */
  why: string;
}

type Log = Pick<Logger, 'info' | 'warn' | 'debug'>;

export function createVoice(config: Config, log: Log, options: CreateVoiceOptions = {}): Voice {
  const env = config.env;
  const find = options.find ?? ((name: string) => findExecutable(name));
  const binary = resolveFfmpeg(env.FFMPEG_PATH, process.env.PATH);
  const ffmpegMissing = env.FFMPEG_PATH
    ? `FFMPEG_PATH=${env.FFMPEG_PATH} is not an executable`
    : 'no ffmpeg found (install Debian ffmpeg, or set FFMPEG_PATH)';
  const ffmpeg: Ffmpeg | undefined = binary ? createFfmpeg(binary) : undefined;
  const timeoutMs = env.VOICE_TIMEOUT_SECONDS * 1000;
  const limits: AudioLimits = { maxBytes: whatsappLimits.mediaBytes, maxSeconds: env.VOICE_MAX_SECONDS, timeoutMs: 20_000 };
  const espeakPath = find(ESPEAK_BINARY);
  const pocketsphinx = findPocketsphinx(find);

  const openaiClient = config.openai
    ? new OpenAI({
        apiKey: config.openai.apiKey,
        baseURL: config.openai.baseURL ?? 'https://api.openai.com/v1',
        timeout: timeoutMs,
        maxRetries: 1,
      })
    : undefined;
  const bhashiniMissing = (['BHASHINI_USER_ID', 'BHASHINI_API_KEY', 'BHASHINI_PIPELINE_ID'] as const).filter((k) => !env[k]);
  const bhashini =
    bhashiniMissing.length === 0
      ? new BhashiniClient({
          userId: env.BHASHINI_USER_ID!,
          apiKey: env.BHASHINI_API_KEY!,
          pipelineId: env.BHASHINI_PIPELINE_ID!,
          configUrl: env.BHASHINI_CONFIG_URL,
          timeoutMs,
        })
      : undefined;

  // One instance per provider, shared by the languages that use it.
  const asrProviders = new Map<AsrProviderName, AsrProvider | string>();
  const asrProvider = (name: AsrProviderName): AsrProvider | string => {
    const existing = asrProviders.get(name);
    if (existing) return existing;
    let made: AsrProvider | string;
    if (name === 'openai') {
      made = openaiClient
        ? createOpenAiAsr({ client: openaiClient, model: env.ASR_MODEL, vocabulary: options.vocabulary })
        : 'openai: OPENAI_API_KEY is not set';
    } else if (name === 'bhashini') {
      made = bhashini ? createBhashiniAsr(bhashini) : `bhashini: ${bhashiniMissing.join(', ')} not set`;
    } else {
      made = pocketsphinx
        ? createPocketsphinxAsr({ install: pocketsphinx, espeakPath, timeoutMs })
        : `pocketsphinx: ${POCKETSPHINX_BINARY} or its en-us model is not installed (apt-get install pocketsphinx pocketsphinx-en-us)`;
    }
    asrProviders.set(name, made);
    return made;
  };

  const routes = new Map<Language, AsrRoute>();
  for (const language of LANGUAGES) {
    const specific = language === 'or' ? env.ASR_PROVIDER_OR : env.ASR_PROVIDER_EN;
    const variable = specific ? `ASR_PROVIDER_${language.toUpperCase()}` : 'ASR_PROVIDER';
    const chosen = specific ?? env.ASR_PROVIDER;
    let route: AsrRoute;
    if (!ffmpeg) route = { why: ffmpegMissing };
    else if (chosen === 'none') route = { why: `${variable}=none` };
    else if (chosen) {
      const provider = asrProvider(chosen);
      if (typeof provider === 'string') route = { why: provider };
      else if (!provider.supports(language)) route = { why: `${chosen} does not recognise ${language === 'or' ? 'Odia' : 'English'}` };
      else route = { provider, why: `${variable}=${chosen}` };
    } else if (language === 'en' && pocketsphinx) {
      route = { provider: asrProvider('pocketsphinx') as AsrProvider, why: 'offline default (no ASR_PROVIDER set)' };
    } else {
      route = { why: language === 'or' ? 'no Odia recogniser configured (set ASR_PROVIDER_OR=bhashini or openai)' : 'no ASR_PROVIDER set and pocketsphinx not installed' };
    }
    routes.set(language, route);
  }

  const espeak = espeakPath ? createEspeakTts({ binary: espeakPath, timeoutMs }) : undefined;
  const ttsChoice = env.TTS_PROVIDER;
  let primaryTts: TtsProvider | undefined;
  let ttsWhy: string;
  if (!ffmpeg) ttsWhy = ffmpegMissing;
  else if (ttsChoice === 'none') ttsWhy = 'TTS_PROVIDER=none';
  else if (ttsChoice === 'openai') {
    primaryTts = openaiClient ? createOpenAiTts({ client: openaiClient, model: env.TTS_MODEL, voice: env.TTS_VOICE }) : undefined;
    ttsWhy = openaiClient ? 'TTS_PROVIDER=openai' : 'openai: OPENAI_API_KEY is not set';
  } else if (ttsChoice === 'bhashini') {
    primaryTts = bhashini ? createBhashiniTts({ client: bhashini, gender: env.BHASHINI_TTS_GENDER }) : undefined;
    ttsWhy = bhashini ? 'TTS_PROVIDER=bhashini' : `bhashini: ${bhashiniMissing.join(', ')} not set`;
  } else {
    primaryTts = espeak;
    ttsWhy = espeak ? (ttsChoice ? 'TTS_PROVIDER=espeak' : 'offline default (no TTS_PROVIDER set)') : 'espeak-ng is not installed';
  }
  const fallbackTts = ffmpeg && ttsChoice !== 'none' && primaryTts !== espeak ? espeak : undefined;
  const ttsFor = (language: Language): TtsProvider | undefined =>
    primaryTts?.supports(language) ? primaryTts : fallbackTts?.supports(language) ? fallbackTts : undefined;

  const pickRoute = (language: Language | undefined): { route: AsrRoute; language: Language | undefined } => {
    if (language) return { route: routes.get(language)!, language };
    // Language not known yet: try whichever recogniser exists, Odia first (most citizens speak it).
    for (const candidate of ['or', 'en'] as const) {
      const route = routes.get(candidate)!;
      if (route.provider) return { route, language: undefined };
    }
    return { route: routes.get('or')!, language: undefined };
  };

  const input: VoiceInput = {
    async transcribe(audio: AudioSource, hint: TranscribeHint): Promise<TranscribeOutcome> {
      const started = performance.now();
      const { route } = pickRoute(hint.language);
      const fail = (reason: VoiceFailure, detail: string, extra: Record<string, unknown> = {}): TranscribeOutcome => {
        log.warn({ reason, detail, provider: route.provider?.name, language: hint.language, ms: Math.round(performance.now() - started), ...extra }, 'voice note not transcribed');
        return { ok: false, reason, detail };
      };
      try {
        if (!route.provider || !ffmpeg) return fail('unavailable', route.why);
        if (!isAllowedMimeType(audio.mimeType)) return fail('unsupported_format', `media type ${audio.mimeType} is not accepted`);
        let data: Buffer;
        try {
          data = await audio.fetch();
        } catch (err) {
          return fail('failed', `could not download the audio: ${err instanceof Error ? err.message : String(err)}`);
        }
        const prepared = await prepareAudio(ffmpeg, data, audio.mimeType, limits);
        const facts = { seconds: round(prepared.seconds), speechSeconds: round(prepared.speechSeconds), decodeMs: Math.round(prepared.decodeMs) };
        if (isSilent(prepared)) return fail('silence', `no speech (peak ${prepared.peakDb} dB)`, facts);
        const asrStarted = performance.now();
        const result = await route.provider.transcribe(prepared, hint);
        const text = result.text.replace(/\s+/g, ' ').trim();
        if (!text) return fail('failed', 'the recogniser returned no words', facts);
        log.info(
          { provider: route.provider.name, language: result.language ?? hint.language, ...facts, asrMs: Math.round(performance.now() - asrStarted), chars: text.length, confidence: result.confidence },
          'voice note transcribed',
        );
        return {
          ok: true,
          text,
          ...(result.language ?? hint.language ? { language: result.language ?? hint.language } : {}),
          ...(result.confidence !== undefined ? { confidence: result.confidence } : {}),
        };
      } catch (err) {
        if (err instanceof AudioError || err instanceof ProviderError) return fail(err.reason, err.message);
        return fail('failed', err instanceof Error ? err.message : String(err));
      }
    },
  };

  const output: VoiceOutput = {
    async synthesize(text: string, language: Language) {
      const provider = ttsFor(language);
      const speakable = toSpeakable(text);
      if (!provider || !ffmpeg || !speakable) return undefined;
      const started = performance.now();
      for (const candidate of provider === fallbackTts || !fallbackTts?.supports(language) ? [provider] : [provider, fallbackTts]) {
        try {
          const speech = await candidate.synthesize(speakable, language);
          const audio = await encodeVoiceNote(ffmpeg, speech.audio, { maxBytes: whatsappLimits.voiceNoteBytes, timeoutMs: limits.timeoutMs, seconds: speech.seconds });
          log.debug({ provider: candidate.name, language, bytes: audio.length, ms: Math.round(performance.now() - started) }, 'voice reply synthesised');
          return { audio, mimeType: VOICE_NOTE_MIME_TYPE };
        } catch (err) {
          log.warn({ provider: candidate.name, language, err: err instanceof Error ? err.message : String(err) }, 'voice reply not synthesised');
        }
      }
      return undefined;
    },
  };

  return {
    input,
    output,
    speaks: Boolean(ffmpeg) && LANGUAGES.some((l) => ttsFor(l) !== undefined),
    describe() {
      const ff = binary ? `ffmpeg ${binary.path} (${binary.source})` : `ffmpeg missing: ${ffmpegMissing}`;
      const asr = LANGUAGES.map((l) => {
        const route = routes.get(l)!;
        return `${l} → ${route.provider?.name ?? 'none'} (${route.why})`;
      }).join('; ');
      const tts = LANGUAGES.map((l) => `${l} → ${ttsFor(l)?.name ?? 'none'}`).join('; ');
      return `voice: ${ff}; speech-to-text: ${asr}; speech replies: ${tts} (${ttsWhy}); max ${env.VOICE_MAX_SECONDS} s per voice note`;
    },
  };
}

/** Reply text as it should be spoken: no WhatsApp markup, emoji or links; lines become sentences. */
export function toSpeakable(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u200D|\u20E3/gu, ' ')
    .replace(/[*_~`]+/g, '')
    .split(/\n+/)
    .map((line) => line.replace(/^\s*[•·\-–]\s+/, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((line) => (/[.!?।:;,]$/.test(line) ? line : `${line}.`))
    .join(' ')
    .trim();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
