/**
 * The whole app for tests: `createApp` on a temp SQLite database and a private copy of the trained model
 * (shared read-only, so tests never race on it), listening on a free loopback port, started and ready.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { sqliteDatabase } from './databases.js';

export interface RunningApp {
  app: App;
  port: number;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const db = sqliteDatabase();
  const modelDir = mkdtempSync(join(tmpdir(), 'models-'));
  for (const f of readdirSync('models')) cpSync(join('models', f), join(modelDir, f));
  const config = loadConfig({
    DATABASE_URL: db.url, MODEL_DIR: modelDir, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ASR_PROVIDER: 'none', TTS_PROVIDER: 'none',
    ...env,
  });
  const app = await createApp(config, createLogger('silent'));
  const server = await app.listen(0);
  await app.started;
  return {
    app,
    port: server.port,
    url: (path) => `http://127.0.0.1:${server.port}${path}`,
    async close() {
      await server.close();
      await app.stop();
      await db.drop();
      rmSync(modelDir, { recursive: true, force: true });
    },
  };
}
