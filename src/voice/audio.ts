/**
 * Audio in and out of the bot.
 *
 * In: any audio WhatsApp sends (OGG/Opus voice notes, aac, amr, mp3, m4a…) is checked against a type
 * allow-list and a size cap, then decoded once by ffmpeg to 16 kHz mono 16-bit PCM, with a duration cap and
 * silence measurement in the same pass. Failures are AudioErrors carrying the reason the citizen is told.
 *
 * Out: any audio a speech synthesiser produces becomes a WhatsApp voice note (OGG/Opus, mono, ≤ 512 KB).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whatsappLimits } from '../config.js';
import { FfmpegError, type Ffmpeg } from './ffmpeg.js';
import type { VoiceFailure } from './types.js';

export const SAMPLE_RATE = 16_000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;

/** Media types we decode (parameters such as `; codecs=opus` are ignored). */
export const ALLOWED_MIME_TYPES: ReadonlySet<string> = new Set([
  'audio/ogg', 'audio/opus', 'application/ogg', 'audio/webm', 'audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/m4a',
  'audio/x-m4a', 'audio/aac', 'audio/x-aac', 'audio/aacp', 'audio/amr', 'audio/amr-wb', 'audio/3gpp', 'audio/3gpp2',
  'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'audio/flac', 'audio/x-flac',
]);

export function isAllowedMimeType(mimeType: string): boolean {
  return ALLOWED_MIME_TYPES.has(baseMimeType(mimeType));
}

function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

export class AudioError extends Error {
  constructor(
    readonly reason: VoiceFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AudioError';
  }
}

export interface AudioLimits {
  /** Largest accepted input, bytes (WhatsApp's media limit, 16 MB). */
  maxBytes: number;
  /** Longest accepted voice note, seconds (VOICE_MAX_SECONDS). */
  maxSeconds: number;
  /** ffmpeg is killed after this long. */
  timeoutMs: number;
}

export const defaultAudioLimits: AudioLimits = {
  maxBytes: whatsappLimits.mediaBytes,
  maxSeconds: 120,
  timeoutMs: 20_000,
};

/** Decoded audio, ready for any recogniser. */
export interface PreparedAudio {
  /** Signed 16-bit little-endian PCM, mono, SAMPLE_RATE Hz. */
  pcm: Buffer;
  sampleRate: number;
  seconds: number;
  /** Seconds that are not silence (below SILENCE_DB for at least SILENCE_MIN_SECONDS). */
  speechSeconds: number;
  /** Loudest sample, dBFS (-Infinity for digital silence). */
  peakDb: number;
  source: { bytes: number; mimeType: string; container?: string; codec?: string; seconds?: number };
  /** How long decoding took, ms. */
  decodeMs: number;
}

const SILENCE_DB = -40;
const SILENCE_MIN_SECONDS = 0.3;
/** Less speech than this, or nothing louder than QUIET_PEAK_DB, counts as silence: no recogniser is called. */
const MIN_SPEECH_SECONDS = 0.25;
const QUIET_PEAK_DB = -45;

export function isSilent(audio: PreparedAudio): boolean {
  return audio.speechSeconds < MIN_SPEECH_SECONDS || audio.peakDb < QUIET_PEAK_DB;
}

/** Decode `data` to 16 kHz mono PCM; throws AudioError. */
export async function prepareAudio(ffmpeg: Ffmpeg, data: Buffer, mimeType: string, limits: AudioLimits): Promise<PreparedAudio> {
  if (!isAllowedMimeType(mimeType)) throw new AudioError('unsupported_format', `media type ${baseMimeType(mimeType) || '(none)'} is not accepted`);
  if (data.length > limits.maxBytes) throw new AudioError('too_large', `${data.length} bytes is over the ${limits.maxBytes}-byte limit`);
  if (data.length === 0) throw new AudioError('corrupt', 'the file is empty');
  return withTempDir(async (dir) => {
    // A neutral name: the container is recognised from the bytes and checked against the whitelist, not trusted from a name.
    const input = join(dir, 'input.bin');
    const output = join(dir, 'output.pcm');
    await writeFile(input, data);
    let stderr: string[];
    let decodeMs: number;
    try {
      const run = await ffmpeg.run({
        input,
        outputOptions: [
          '-map', '0:a:0', '-vn', '-sn', '-dn',
          '-af', `silencedetect=noise=${SILENCE_DB}dB:d=${SILENCE_MIN_SECONDS},volumedetect`,
          // Decode a little past the cap so "longer than allowed" is measured, never more.
          '-t', String(limits.maxSeconds + 1),
          '-ac', '1', '-ar', String(SAMPLE_RATE), '-c:a', 'pcm_s16le', '-f', 's16le',
        ],
        output,
        timeoutMs: limits.timeoutMs,
      });
      stderr = run.stderr;
      decodeMs = run.ms;
    } catch (err) {
      throw classifyFfmpegError(err);
    }
    const pcm = await readFile(output);
    const header = parseInputHeader(stderr);
    const seconds = pcm.length / BYTES_PER_SECOND;
    if (pcm.length < BYTES_PER_SECOND / 50) throw new AudioError('corrupt', 'no audio could be decoded');
    if (seconds > limits.maxSeconds + 0.25 || (header.seconds !== undefined && header.seconds > limits.maxSeconds + 0.5)) {
      throw new AudioError('too_long', `longer than ${limits.maxSeconds} s (${(header.seconds ?? seconds).toFixed(1)} s)`);
    }
    const silence = parseSilence(stderr, seconds);
    return {
      pcm,
      sampleRate: SAMPLE_RATE,
      seconds,
      speechSeconds: Math.max(0, seconds - silence),
      peakDb: parsePeakDb(stderr),
      source: { bytes: data.length, mimeType: baseMimeType(mimeType), container: header.container, codec: header.codec, seconds: header.seconds },
      decodeMs,
    };
  });
}

const RAW_DATA_DEMUXERS = new Set(['bin', 'tty', 'data']);

function classifyFfmpegError(err: unknown): AudioError {
  if (!(err instanceof FfmpegError)) return new AudioError('failed', err instanceof Error ? err.message : String(err));
  const text = err.stderr.join('\n');
  if (err.kind === 'spawn') return new AudioError('unavailable', `ffmpeg could not be started: ${err.message}`);
  if (err.kind === 'timeout') return new AudioError('failed', err.message);
  const refused = /\[([\w,]+) @ [^\]]*\] Format not on whitelist/.exec(text);
  if (refused) {
    // Bytes no demuxer recognises fall through to the raw-data ones: a damaged file, not another format.
    if (RAW_DATA_DEMUXERS.has(refused[1]!)) return new AudioError('corrupt', 'the data is not recognisable audio');
    return new AudioError('unsupported_format', `container ${refused[1]} is not accepted`);
  }
  if (/not on whitelist/i.test(text)) return new AudioError('unsupported_format', 'container not on the format whitelist');
  if (/matches no streams|does not contain any stream|no audio stream/i.test(text)) {
    return new AudioError('unsupported_format', 'the file has no audio stream');
  }
  return new AudioError('corrupt', `ffmpeg could not decode it: ${lastMeaningfulLine(err.stderr)}`);
}

function lastMeaningfulLine(lines: string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line && !line.startsWith('Conversion failed')) return line.slice(0, 200);
  }
  return 'no detail';
}

interface InputHeader {
  container?: string;
  codec?: string;
  seconds?: number;
}

/** What ffmpeg reported about input #0: container, first audio codec, declared duration. */
export function parseInputHeader(stderr: string[]): InputHeader {
  const header: InputHeader = {};
  let inInput = false;
  for (const line of stderr) {
    const input = /^Input #0, ([^ ]+), from/.exec(line);
    if (input) {
      inInput = true;
      header.container = input[1]!.replace(/,$/, '');
      continue;
    }
    if (/^Output #0|^Stream mapping/.test(line)) inInput = false;
    if (!inInput) continue;
    const duration = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(line);
    if (duration && header.seconds === undefined) {
      header.seconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
    }
    const audio = /Stream #0:\d+.*?: Audio: ([\w-]+)/.exec(line);
    if (audio && header.codec === undefined) header.codec = audio[1];
  }
  return header;
}

/** Total silent seconds reported by silencedetect (an unterminated silence runs to the end). */
export function parseSilence(stderr: string[], totalSeconds: number): number {
  let total = 0;
  let openStart: number | undefined;
  for (const line of stderr) {
    const start = /silence_start: (-?[\d.]+)/.exec(line);
    if (start) openStart = Math.max(0, Number(start[1]));
    const end = /silence_end: (-?[\d.]+) \| silence_duration: ([\d.]+)/.exec(line);
    if (end) {
      total += Number(end[2]);
      openStart = undefined;
    }
  }
  if (openStart !== undefined && openStart < totalSeconds) total += totalSeconds - openStart;
  return Math.min(total, totalSeconds);
}

function parsePeakDb(stderr: string[]): number {
  for (const line of stderr) {
    const match = /max_volume: (-?inf|-?[\d.]+) dB/.exec(line);
    if (match) return match[1]!.endsWith('inf') ? -Infinity : Number(match[1]);
  }
  return -Infinity;
}

/** A RIFF/WAVE file around 16-bit mono PCM. */
export function pcmToWav(pcm: Buffer, sampleRate = SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Seconds of audio in a PCM WAV file, from its header; undefined when it is not one we can read. */
export function wavSeconds(wav: Buffer): number | undefined {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let offset = 12;
  let byteRate: number | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= wav.length) byteRate = wav.readUInt32LE(offset + 16);
    if (id === 'data' && byteRate) {
      // Streamed WAV (espeak-ng --stdout) leaves the size unset: use what is actually there.
      const available = wav.length - offset - 8;
      const bytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return bytes / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

export interface VoiceNoteOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Length of the input, when known, so the bitrate can be chosen to fit in one pass. */
  seconds?: number;
}

export const VOICE_NOTE_MIME = 'audio/ogg; codecs=opus';
const MAX_BITRATE = 24_000;
const MIN_BITRATE = 6_000;

/**
 * Encode synthesised speech as a WhatsApp voice note: OGG/Opus, mono, 16 kHz, at most `maxBytes`.
 * Long audio gets a lower bitrate; audio too long even at the lowest bitrate is cut.
 */
export async function encodeVoiceNote(ffmpeg: Ffmpeg, data: Buffer, options: VoiceNoteOptions): Promise<Buffer> {
  if (data.length === 0) throw new AudioError('corrupt', 'no audio to encode');
  const budgetBits = options.maxBytes * 8 * 0.9; // container overhead is ~4-5 %
  let bitrate = MAX_BITRATE;
  let cutSeconds: number | undefined;
  if (options.seconds !== undefined && options.seconds > 0) {
    bitrate = Math.max(MIN_BITRATE, Math.min(MAX_BITRATE, Math.floor(budgetBits / options.seconds / 1000) * 1000));
    if (options.seconds * MIN_BITRATE > budgetBits) cutSeconds = Math.floor(budgetBits / MIN_BITRATE);
  }
  return withTempDir(async (dir) => {
    const input = join(dir, 'speech.bin');
    await writeFile(input, data);
    for (let attempt = 0; attempt < 3; attempt++) {
      const output = join(dir, `note-${attempt}.ogg`);
      try {
        await ffmpeg.run({
          input,
          outputOptions: [
            '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1',
            ...(cutSeconds ? ['-t', String(cutSeconds)] : []),
            '-ac', '1', '-ar', String(SAMPLE_RATE),
            // Compression level 5 encodes twice as fast as the default 10 at a size within a few per cent.
            '-c:a', 'libopus', '-b:a', String(bitrate), '-application', 'voip', '-compression_level', '5',
            '-f', 'ogg',
          ],
          output,
          timeoutMs: options.timeoutMs,
        });
      } catch (err) {
        throw classifyFfmpegError(err);
      }
      const note = await readFile(output);
      if (note.length <= options.maxBytes) return note;
      // Over budget (the duration was unknown): lower the bitrate in proportion; at the lowest bitrate, cut.
      if (bitrate > MIN_BITRATE) {
        bitrate = Math.max(MIN_BITRATE, Math.floor((bitrate * (options.maxBytes * 0.9)) / note.length / 1000) * 1000);
      } else {
        cutSeconds = Math.floor(budgetBits / MIN_BITRATE);
      }
    }
    throw new AudioError('too_large', `could not fit the voice note in ${options.maxBytes} bytes`);
  });
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'seva-voice-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
