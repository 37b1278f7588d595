/**
 * The whole app for console tests, over real HTTP on loopback: a temp SQLite database, a COPY of intents/
 * (corpus writes never touch the repository), a private model directory and reports folder.
 *
 * The model is keyed by a hash of the corpus files that includes their paths, so the copy has another hash
 * than intents/ although its content is the same: the trained model of intents/ is copied under the copy's
 * hash instead of training again (90 s).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { loadCorpus } from '../../src/nlu/corpus.js';
import { modelPath } from '../../src/nlu/model.js';

export const TOKEN = 'console-test-token-0123456789';

export interface ConsoleHarness {
  app: App;
  base: string;
  dir: string;
  intentsDir: string;
  modelDir: string;
  reportsDir: string;
  url(path: string): string;
  /** Log in with the operator token; returns the Cookie header value. */
  login(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A private copy of intents/ and a model directory holding the repository's model under the copy's hash. */
export function copyCorpus(dir: string): { intentsDir: string; modelDir: string } {
  const intentsDir = join(dir, 'intents');
  const modelDir = join(dir, 'models');
  cpSync('intents', intentsDir, { recursive: true });
  mkdirSync(modelDir, { recursive: true });
  const trained = modelPath('models', loadCorpus('intents').hash);
  if (!existsSync(trained)) throw new Error(`no trained model at ${trained}: run npm run train (the test setup normally does)`);
  cpSync(trained, modelPath(modelDir, loadCorpus(intentsDir).hash));
  return { intentsDir, modelDir };
}

export async function startConsoleApp(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'));
  const { intentsDir, modelDir } = copyCorpus(dir);
  const reportsDir = join(dir, 'reports');
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, 'bot.db')}`,
    INTENTS_DIR: intentsDir,
    MODEL_DIR: modelDir,
    REPORTS_DIR: reportsDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ASR_PROVIDER: 'none',
    TTS_PROVIDER: 'none',
    CONSOLE_TOKEN: TOKEN,
    ...env,
  });
  const app = await createApp(config, createLogger('silent'));
  const server = await app.listen(0);
  await app.started;
  const base = `http://127.0.0.1:${server.port}`;
  const url = (path: string) => `${base}${path}`;
  return {
    app,
    base,
    dir,
    intentsDir,
    modelDir,
    reportsDir,
    url,
    async login(username = '', password = TOKEN) {
      const res = await fetch(url('/console/login'), {
        method: 'POST',
        body: new URLSearchParams({ username, password, next: '/console/try' }),
        redirect: 'manual',
      });
      if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('console_session='));
      if (!cookie) throw new Error('no session cookie');
      return cookie.split(';')[0]!;
    },
    async close() {
      await server.close();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
