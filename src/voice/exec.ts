/**
 * Finding and running the command-line tools voice uses besides ffmpeg (espeak-ng, pocketsphinx):
 * executables looked up on PATH, run with a timeout, bounded output and no shell.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** The absolute path of an executable named `name` on PATH (or `name` itself when it is a usable path). */
export function findExecutable(name: string, pathEnv: string | undefined = process.env.PATH): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export class ProcessError extends Error {
  constructor(
    message: string,
    readonly kind: 'spawn' | 'timeout' | 'exit' | 'output',
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'ProcessError';
  }
}

export interface RunOptions {
  stdin?: Buffer | string;
  timeoutMs: number;
  /** stdout beyond this many bytes kills the process (a runaway tool must not fill memory). */
  maxStdoutBytes?: number;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

const STDERR_KEEP = 64 * 1024;

/** Run `command args…` without a shell; rejects with a ProcessError on spawn failure, timeout or non-zero exit. */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let settled = false;
    const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
    const finish = (error: ProcessError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(chunks), stderr });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new ProcessError(`${command} timed out after ${options.timeoutMs} ms`, 'timeout', stderr));
    }, options.timeoutMs);
    child.on('error', (err) => finish(new ProcessError(`${command}: ${err.message}`, 'spawn')));
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        child.kill('SIGKILL');
        finish(new ProcessError(`${command} wrote more than ${maxStdout} bytes`, 'output', stderr));
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8');
    });
    child.on('close', (code, signal) => {
      if (code === 0) finish(undefined);
      else finish(new ProcessError(`${command} exited with ${code ?? signal}: ${lastLine(stderr)}`, 'exit', stderr));
    });
    // The tool may exit before reading all of stdin (EPIPE); that is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
