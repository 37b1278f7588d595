/**
 * Voice bench: how long a voice turn spends in audio handling and local recognition, on this machine.
 *
 *   npx tsx bench/voice.ts [runs]
 *
 * Prints one table: decoding a 30 s WhatsApp voice note (with each ffmpeg binary found), end-to-end
 * transcription with the offline pocketsphinx recogniser (expected answer via grammar; free speech via the
 * general model), and speaking a reply with espeak-ng. Needs ffmpeg and espeak-ng; pocketsphinx rows are
 * skipped when it is not installed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import type { Language } from '../src/core.js';
import { defaultAudioLimits, prepareAudio } from '../src/voice/audio.js';
import { findPocketsphinx } from '../src/voice/asr/pocketsphinx.js';
import { findExecutable, runProcess } from '../src/voice/exec.js';
import { createFfmpeg, resolveFfmpeg, type FfmpegBinary } from '../src/voice/ffmpeg.js';
import { createVoice } from '../src/voice/index.js';

const runs = Math.max(1, Number(process.argv[2] ?? 5));
const binary = resolveFfmpeg(process.env.FFMPEG_PATH);
const espeak = findExecutable('espeak-ng');
if (!binary || !espeak) {
  console.error(`bench/voice: needs ffmpeg and espeak-ng (missing: ${[!binary && 'ffmpeg', !espeak && 'espeak-ng'].filter(Boolean).join(', ')})`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'voice-bench-'));
const WHATSAPP_VOICE = ['-c:a', 'libopus', '-ar', '16000', '-ac', '1', '-b:a', '16k', '-application', 'voip', '-f', 'ogg'];

async function voiceNote(name: string, text: string, language: Language, seconds?: number): Promise<Buffer> {
  const wav = join(dir, `${name}.wav`);
  const { stdout } = await runProcess(espeak!, ['-v', language === 'or' ? 'or' : 'en-us', '-s', '140', '-b', '1', '--stdout', '--stdin'], { stdin: text, timeoutMs: 30_000 });
  writeFileSync(wav, stdout);
  const out = join(dir, `${name}.ogg`);
  const loop = seconds ? ['-stream_loop', '-1'] : [];
  const cut = seconds ? ['-t', String(seconds)] : [];
  await runProcess(binary!.path, ['-hide_banner', '-loglevel', 'error', '-y', ...loop, '-i', wav, ...cut, ...WHATSAPP_VOICE, out], { timeoutMs: 60_000 });
  return readFileSync(out);
}

interface Row {
  step: string;
  runs: number;
  'median ms': number;
  'min ms': number;
  'max ms': number;
  note: string;
}

async function measure(step: string, n: number, fn: () => Promise<string>): Promise<Row> {
  const times: number[] = [];
  let note = '';
  await fn(); // warm-up (first ffmpeg run also probes its capabilities; first pocketsphinx call loads CMUdict)
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    note = await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { step, runs: n, 'median ms': Math.round(times[Math.floor(n / 2)]!), 'min ms': Math.round(times[0]!), 'max ms': Math.round(times[n - 1]!), note };
}

const binaries: FfmpegBinary[] = [binary];
try {
  const installer = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  if (installer !== binary.path) binaries.push({ path: installer, source: '@ffmpeg-installer' });
} catch {
  // not installed
}

try {
  const note30 = await voiceNote('free30', 'I want to apply for a birth certificate for my daughter, she was born in Cuttack.', 'en', 30);
  const rows: Row[] = [];
  for (const b of binaries) {
    const ffmpeg = createFfmpeg(b);
    rows.push(
      await measure(`decode 30 s voice note → 16 kHz PCM (${b.source})`, runs, async () => {
        const audio = await prepareAudio(ffmpeg, note30, 'audio/ogg', defaultAudioLimits);
        return `${(note30.length / 1024).toFixed(0)} KB ogg → ${audio.seconds.toFixed(1)} s, speech ${audio.speechSeconds.toFixed(1)} s`;
      }),
    );
  }

  const log = createLogger('silent');
  const voice = createVoice(loadConfig({ LOG_LEVEL: 'silent' }), log);
  if (findPocketsphinx()) {
    const districts = ['Angul', 'Balasore', 'Cuttack', 'Ganjam', 'Jajpur', 'Khordha', 'Koraput', 'Mayurbhanj', 'Puri', 'Sambalpur', 'Sundargarh'];
    const answer = await voiceNote('answer', 'Sambalpur', 'en');
    const free = await voiceNote('free', 'I want to apply for a birth certificate', 'en');
    const src = (data: Buffer) => ({ mimeType: 'audio/ogg; codecs=opus', fetch: async () => data });
    const show = (o: Awaited<ReturnType<typeof voice.input.transcribe>>) => (o.ok ? `“${o.text}” (confidence ${o.confidence})` : `failed: ${o.reason}`);
    rows.push(await measure('transcribe expected answer (pocketsphinx grammar, ~1 s note)', runs, async () => show(await voice.input.transcribe(src(answer), { language: 'en', vocabulary: districts }))));
    rows.push(await measure('transcribe free speech (pocketsphinx general model, ~3 s note)', runs, async () => show(await voice.input.transcribe(src(free), { language: 'en' }))));
    rows.push(await measure('transcribe 30 s voice note (pocketsphinx general model)', Math.min(runs, 3), async () => show(await voice.input.transcribe(src(note30), { language: 'en' })).slice(0, 60)));
  } else {
    console.warn('pocketsphinx not installed: recognition rows skipped (apt-get install pocketsphinx pocketsphinx-en-us)');
  }
  for (const [language, text] of [
    ['en', 'Your application for a birth certificate has been received. Your reference is O D R D M 2026.'],
    ['or', 'ଆପଣଙ୍କ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ଆବେଦନ ମିଳିଛି। ଧନ୍ୟବାଦ।'],
  ] as const) {
    rows.push(
      await measure(`speak a reply (espeak-ng → OGG/Opus, ${language})`, runs, async () => {
        const reply = await voice.output.synthesize(text, language);
        return reply ? `${(reply.audio.length / 1024).toFixed(1)} KB voice note` : 'no audio';
      }),
    );
  }
  console.log(voice.describe());
  console.table(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
