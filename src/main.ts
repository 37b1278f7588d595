/** `npm start`: run the bot on the configuration in the environment (embedded defaults need none). */
import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';

// A local .env (see .env.example) is read when present; the real environment wins.
if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const log = createLogger(config.logLevel);
const app = await createApp(config, log).catch((error: unknown) => {
  log.fatal({ err: error }, 'cannot start');
  process.exit(1);
});
const server = await app.listen();
log.info({ port: server.port }, `bot listening on http://localhost:${server.port} (simulator at /, health at /healthz)`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing turns in progress');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (async () => {
      await server.close();
      await app.stop();
      log.info('stopped');
      process.exit(0);
    })();
  });
}
