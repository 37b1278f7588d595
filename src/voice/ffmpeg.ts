/**
 * The one place that runs ffmpeg. fluent-ffmpeg (archived upstream) is used only here, only as a process
 * runner, so it can be replaced by child_process.spawn without touching callers.
 *
 * Safety rules every run follows:
 * - `-format_whitelist` with the audio containers WhatsApp sends (a text playlist renamed .ogg must never make
 *   ffmpeg open other files), and `-protocol_whitelist file` (no network reads).
 * - At most MAX_CONCURRENT ffmpeg processes at once across the whole process.
 * - SIGKILL after the job's timeout.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import ffmpegCommand from 'fluent-ffmpeg';
import pLimit from 'p-limit';
import { findExecutable } from './exec.js';

/** Demuxers we accept: ogg (voice notes), matroska/webm, mov/mp4/m4a/3gp, mp3, wav, aac (ADTS), amr, flac. */
export const FORMAT_WHITELIST = [
  'ogg', 'matroska', 'webm', 'mov', 'mp4', 'm4a', '3gp', '3g2', 'mp3', 'wav', 'aac', 'amr', 'amrnb', 'amrwb', 'flac',
] as const;

export const MAX_CONCURRENT = 2;

export interface FfmpegBinary {
  path: string;
  /** Where it was found, for start-up logs. */
  source: 'FFMPEG_PATH' | 'PATH' | '@ffmpeg-installer';
}

/**
 * Find ffmpeg: FFMPEG_PATH, then `ffmpeg` on PATH (Debian's build, with Opus), then the static binary shipped
 * inside the npm package @ffmpeg-installer/ffmpeg. Undefined when none is usable.
 */
export function resolveFfmpeg(configuredPath?: string, pathEnv: string | undefined = process.env.PATH): FfmpegBinary | undefined {
  if (configuredPath) {
    const found = findExecutable(configuredPath, pathEnv);
    // An explicit FFMPEG_PATH that does not work is a configuration error; we do not silently pick another.
    return found ? { path: found, source: 'FFMPEG_PATH' } : undefined;
  }
  const onPath = findExecutable('ffmpeg', pathEnv);
  if (onPath) return { path: onPath, source: 'PATH' };
  try {
    const require = createRequire(import.meta.url);
    const installer = require('@ffmpeg-installer/ffmpeg') as { path?: string };
    if (installer.path && existsSync(installer.path)) return { path: installer.path, source: '@ffmpeg-installer' };
  } catch {
    // The package or its platform binary is not installed.
  }
  return undefined;
}

export interface FfmpegJob {
  /** Input file path (inputs are always files: the demuxer needs to seek to find an Ogg's duration). */
  input: string;
  /** Extra input options, placed before -i (the whitelists are always added). */
  inputOptions?: string[];
  outputOptions: string[];
  /** Output file path. */
  output: string;
  timeoutMs: number;
}

export interface FfmpegRun {
  /** Every stderr line ffmpeg wrote (header, filter reports), at most MAX_STDERR_LINES. */
  stderr: string[];
  ms: number;
}

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'exit' | 'spawn',
    readonly stderr: string[],
  ) {
    super(message);
    this.name = 'FfmpegError';
  }
}

export interface Ffmpeg {
  binary: FfmpegBinary;
  run(job: FfmpegJob): Promise<FfmpegRun>;
}

const MAX_STDERR_LINES = 20_000;
const limit = pLimit(MAX_CONCURRENT);

/** How many ffmpeg runs are executing or queued right now (for tests and metrics). */
export function ffmpegLoad(): { active: number; pending: number } {
  return { active: limit.activeCount, pending: limit.pendingCount };
}

export function createFfmpeg(binary: FfmpegBinary): Ffmpeg {
  return {
    binary,
    run: (job) => limit(() => runOnce(binary.path, job)),
  };
}

function runOnce(path: string, job: FfmpegJob): Promise<FfmpegRun> {
  const started = performance.now();
  return new Promise<FfmpegRun>((resolve, reject) => {
    const lines: string[] = [];
    let settled = false;
    const command = ffmpegCommand()
      .setFfmpegPath(path)
      .input(job.input)
      .inputOptions([
        '-hide_banner',
        '-nostdin',
        '-format_whitelist', FORMAT_WHITELIST.join(','),
        '-protocol_whitelist', 'file',
        ...(job.inputOptions ?? []),
      ])
      .outputOptions(job.outputOptions)
      .output(job.output);
    const finish = (error: FfmpegError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ stderr: lines, ms: performance.now() - started });
    };
    const timer = setTimeout(() => {
      finish(new FfmpegError(`ffmpeg timed out after ${job.timeoutMs} ms`, 'timeout', lines));
      try {
        command.kill('SIGKILL');
      } catch {
        // Not started yet (still checking capabilities): nothing to kill; the error is already reported.
      }
    }, job.timeoutMs);
    command.on('start', () => {
      // Timed out while fluent-ffmpeg was still checking capabilities: do not let the late process run.
      if (settled) command.kill('SIGKILL');
    });
    command.on('stderr', (line: string) => {
      if (lines.length < MAX_STDERR_LINES) lines.push(line);
    });
    command.on('error', (err: Error) => {
      const spawnFailed = /ENOENT|EACCES|Cannot find ffmpeg/i.test(err.message);
      finish(new FfmpegError(err.message, spawnFailed ? 'spawn' : 'exit', lines));
    });
    command.on('end', () => finish(undefined));
    command.run();
  });
}
