/**
 * Retraining from the console. Training takes about 90 s of CPU and would freeze the bot if it ran in the
 * server process, so it runs in a child process (`src/nlu/cli/train.ts`, what `npm run train` runs) that
 * saves the model under MODEL_DIR; the server then loads the saved model and swaps it in
 * (`App.reloadModel`), and conversations carry on with the new model from their next message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from '../log.js';
import { scrub } from '../log.js';

export interface TrainCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** `node --import tsx src/nlu/cli/train.ts` with the server's corpus and model directories. */
export function trainCommand(dirs: { intentsDir: string; modelDir: string; localesDir: string }): TrainCommand {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const script = fileURLToPath(new URL('../nlu/cli/train.ts', import.meta.url));
  return {
    command: process.execPath,
    args: ['--import', tsx, script],
    // The corpus hash includes the file paths as given: the child must see the same relative paths.
    cwd: process.cwd(),
    env: { ...process.env, INTENTS_DIR: dirs.intentsDir, MODEL_DIR: dirs.modelDir, LOCALES_DIR: dirs.localesDir, FORCE_COLOR: '0' },
  };
}

export type RetrainState = 'idle' | 'training' | 'reloading' | 'done' | 'failed';

export interface RetrainStatus {
  state: RetrainState;
  running: boolean;
  startedAt?: string;
  finishedAt?: string;
  elapsedMs: number;
  /** The child's output, prefixed with seconds since the start. */
  lines: string[];
  exitCode?: number | null;
  error?: string;
  result?: { trained: boolean; ms: number; path: string };
  runs: number;
  by?: string;
}

export interface RetrainDeps {
  command: () => TrainCommand;
  /** Swap the saved model into the running bot. */
  reload: () => Promise<{ trained: boolean; ms: number; path: string }>;
  /**
   * Whether the saved model matches the corpus as it is now. When a linguist edits the corpus during
   * training, the child trained the old corpus: train again rather than let `reload` train in-process.
   */
  upToDate?: () => boolean;
  log?: Logger;
  maxLines?: number;
  maxRuns?: number;
}

export class RetrainJob {
  private state: RetrainState = 'idle';
  private startedAt?: number;
  private finishedAt?: number;
  private lines: string[] = [];
  private exitCode?: number | null;
  private error?: string;
  private result?: RetrainStatus['result'];
  private runs = 0;
  private by?: string;
  private child?: ChildProcess;
  private done?: Promise<void>;

  constructor(private readonly deps: RetrainDeps) {}

  get running(): boolean {
    return this.state === 'training' || this.state === 'reloading';
  }

  /** Start a retrain; false when one is already running. */
  start(by?: string): boolean {
    if (this.running) return false;
    this.state = 'training';
    this.startedAt = Date.now();
    this.finishedAt = undefined;
    this.lines = [];
    this.exitCode = undefined;
    this.error = undefined;
    this.result = undefined;
    this.runs = 0;
    this.by = by;
    this.deps.log?.info({ by }, 'console: retraining started');
    this.done = this.run().catch((err: unknown) => {
      this.fail(err instanceof Error ? err.message : String(err));
    });
    return true;
  }

  /** Resolves when the current run (if any) has finished; for tests and shutdown. */
  async settled(): Promise<void> {
    await this.done;
  }

  status(): RetrainStatus {
    const end = this.finishedAt ?? Date.now();
    return {
      state: this.state,
      running: this.running,
      startedAt: this.startedAt ? new Date(this.startedAt).toISOString() : undefined,
      finishedAt: this.finishedAt ? new Date(this.finishedAt).toISOString() : undefined,
      elapsedMs: this.startedAt ? end - this.startedAt : 0,
      lines: [...this.lines],
      exitCode: this.exitCode,
      error: this.error,
      result: this.result,
      runs: this.runs,
      by: this.by,
    };
  }

  /** Stop a running child (server shutdown). */
  stop(): void {
    this.child?.kill('SIGTERM');
  }

  private note(line: string): void {
    const seconds = this.startedAt ? ((Date.now() - this.startedAt) / 1000).toFixed(1) : '0.0';
    this.lines.push(`[${seconds.padStart(5)} s] ${scrub(line)}`);
    const max = this.deps.maxLines ?? 300;
    if (this.lines.length > max) this.lines.splice(0, this.lines.length - max);
  }

  private fail(message: string): void {
    this.state = 'failed';
    this.error = message;
    this.finishedAt = Date.now();
    this.note(`failed: ${message}`);
    this.deps.log?.error({ error: message }, 'console: retraining failed');
  }

  private async run(): Promise<void> {
    const maxRuns = this.deps.maxRuns ?? 3;
    for (;;) {
      this.runs += 1;
      const code = await this.runChild();
      this.exitCode = code;
      if (code !== 0) return this.fail(`training exited with code ${code}`);
      if (!this.deps.upToDate || this.deps.upToDate()) break;
      if (this.runs >= maxRuns) return this.fail('the corpus kept changing during training; retrain again when edits are done');
      this.note('the corpus changed while training: training again');
    }
    this.state = 'reloading';
    this.note('loading the new model into the bot…');
    this.result = await this.deps.reload();
    this.state = 'done';
    this.finishedAt = Date.now();
    this.note(`done: the bot now uses ${this.result.path} (loaded in ${(this.result.ms / 1000).toFixed(1)} s)`);
    this.deps.log?.info({ model: this.result.path, runs: this.runs }, 'console: retraining done, new model in use');
  }

  private runChild(): Promise<number | null> {
    const cmd = this.deps.command();
    this.note(`$ ${[cmd.command, ...cmd.args].map((a) => a.replace(/^.*\/node_modules\//, '')).join(' ')}`);
    return new Promise((resolve) => {
      const child = spawn(cmd.command, cmd.args, { cwd: cmd.cwd, env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      const killOnExit = () => child.kill('SIGTERM');
      process.once('exit', killOnExit);
      for (const stream of [child.stdout, child.stderr]) {
        let buffered = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          buffered += chunk;
          const parts = buffered.split('\n');
          buffered = parts.pop() ?? '';
          for (const line of parts) if (line.trim()) this.note(formatLine(line));
        });
        stream.on('end', () => {
          if (buffered.trim()) this.note(formatLine(buffered));
        });
      }
      child.on('error', (err) => {
        this.note(`cannot start training: ${err.message}`);
      });
      child.on('close', (code) => {
        process.removeListener('exit', killOnExit);
        this.child = undefined;
        resolve(code);
      });
    });
  }
}

/** pino JSON lines from the child become "msg (key=value …)"; other lines stay as they are. */
function formatLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const { msg, level: _l, time: _t, pid: _p, hostname: _h, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    return `${String(msg ?? '')}${extra ? ` (${extra})` : ''}`;
  } catch {
    return line;
  }
}
