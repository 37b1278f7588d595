/**
 * `npm start` as a newcomer runs it: the process starts on embedded defaults (here a temp SQLite file),
 * becomes healthy, logs JSON lines, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('serves /healthz and the simulator, then shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-'));
    const models = join(dir, 'models');
    cpSync('models', models, { recursive: true });
    expect(readdirSync(models).length).toBeGreaterThan(0);
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'bot.db')}`, MODEL_DIR: models, ASR_PROVIDER: 'none', TTS_PROVIDER: 'none', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let healthy = false;
      for (let i = 0; i < 120 && !healthy; i++) {
        await new Promise((r) => setTimeout(r, 500));
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      }
      expect(healthy, out).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
      expect(lines.some((l) => l.msg.includes('WhatsApp channel off'))).toBe(true);
      expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
