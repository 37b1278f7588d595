/**
 * Retraining: the child-process launcher with stub scripts (fast), and the whole flow from the console's
 * button through the real `src/nlu/cli/train.ts` to the model swap, on a corpus copy whose model is up to
 * date (so the child loads instead of training for 90 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetrainJob, type RetrainStatus } from '../../src/console/retrain.js';
import { startConsoleApp, type ConsoleHarness } from './harness.js';

async function until(job: { status(): RetrainStatus }, states: string[], timeoutMs = 20_000): Promise<RetrainStatus> {
  const started = Date.now();
  for (;;) {
    const s = job.status();
    if (states.includes(s.state)) return s;
    if (Date.now() - started > timeoutMs) throw new Error(`still ${s.state} after ${timeoutMs} ms:\n${s.lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the retrain job (stub training scripts)', () => {
  let dir: string;
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return () => ({ command: process.execPath, args: [path], cwd: dir, env: { ...process.env } });
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'retrain-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the child, streams its output with timestamps, then reloads the model once', async () => {
    let reloads = 0;
    const job = new RetrainJob({
      command: script('ok.mjs', "console.log('loading corpus'); setTimeout(() => { console.error('training…'); console.log('Trained 3 intents, mobile 9876543210'); }, 150);"),
      reload: async () => {
        reloads += 1;
        return { trained: false, ms: 12, path: 'models/x.json' };
      },
    });
    expect(job.start('tester')).toBe(true);
    expect(job.start('someone else')).toBe(false); // one at a time
    expect(job.status()).toMatchObject({ state: 'training', running: true, by: 'tester' });
    const s = await until(job, ['done', 'failed']);
    expect(s.state).toBe('done');
    expect(s.exitCode).toBe(0);
    expect(reloads).toBe(1);
    expect(s.result).toEqual({ trained: false, ms: 12, path: 'models/x.json' });
    const text = s.lines.join('\n');
    expect(text).toMatch(/\[\s*\d+\.\d s\] loading corpus/);
    expect(text).toContain('training…');
    expect(text).toContain('Trained 3 intents, mobile [phone]'); // output is scrubbed like logs
    expect(text).toContain('done: the bot now uses models/x.json');
    expect(s.elapsedMs).toBeGreaterThanOrEqual(150);
  });

  it('fails without reloading when training fails', async () => {
    let reloads = 0;
    const job = new RetrainJob({
      command: script('fail.mjs', "console.error('Corpus is invalid: rdm.yaml:12'); process.exit(3);"),
      reload: async () => {
        reloads += 1;
        return { trained: false, ms: 0, path: '' };
      },
    });
    job.start();
    const s = await until(job, ['done', 'failed']);
    expect(s).toMatchObject({ state: 'failed', exitCode: 3, running: false });
    expect(s.lines.join('\n')).toContain('Corpus is invalid: rdm.yaml:12');
    expect(reloads).toBe(0);
  });

  it('trains again when the corpus changed during training, instead of training in the server', async () => {
    let checks = 0;
    const job = new RetrainJob({
      command: script('quick.mjs', "console.log('trained');"),
      reload: async () => ({ trained: false, ms: 1, path: 'm.json' }),
      upToDate: () => ++checks >= 2,
    });
    job.start();
    const s = await until(job, ['done', 'failed']);
    expect(s.state).toBe('done');
    expect(s.runs).toBe(2);
    expect(s.lines.join('\n')).toContain('the corpus changed while training: training again');
  });
});

describe('retrain from the console (real training CLI, model up to date)', () => {
  let h: ConsoleHarness;
  let cookie: string;
  /**
   * Swapping the model in parses a 21 MB file in the server process (a few seconds with the event loop
   * busy); a keep-alive connection the server times out meanwhile can reset, so polls retry once.
   */
  const poll = async (): Promise<RetrainStatus> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await (await fetch(h.url('/console/api/retrain'), { headers: { cookie } })).json()) as RetrainStatus;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
  };
  beforeAll(async () => {
    h = await startConsoleApp();
    cookie = await h.login();
  });
  afterAll(async () => h?.close());

  it('starts the child from the button, shows progress, swaps the model in, and keeps answering meanwhile', async () => {
    const page = await fetch(h.url('/console/retrain'), { headers: { cookie } });
    expect(await page.text()).toContain('up to date');
    const before = h.app.nlu();
    const start = await fetch(h.url('/console/retrain/start'), { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(start.status).toBe(303);
    let status = await poll();
    expect(status.running).toBe(true);
    // The server stays responsive while the child works.
    const t0 = performance.now();
    const health = await fetch(h.url('/healthz'));
    expect(health.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
    const deadline = Date.now() + 90_000;
    while (status.running && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = await poll();
    }
    expect(status.state, status.lines.join('\n')).toBe('done');
    expect(status.lines.join('\n')).toMatch(/Up to date: \d+ intents/);
    expect(status.result?.path).toContain(h.modelDir);
    expect(status.result?.trained).toBe(false);
    // A freshly loaded model is in use (compared by identity: printing a model for a message takes a minute).
    expect(h.app.nlu() === before).toBe(false);
    const u = await h.app.nlu()!.understand('income certificate for scholarship');
    expect(u.intents[0]!.id).toBe('rdm.income_certificate');
  }, 120_000);
});
