/**
 * The composition root: configuration → store → catalog and locales → understanding → dialog → pipeline →
 * channels → HTTP server. `main.ts` runs it; tests start it on a free port with their own configuration.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { loadCatalog } from './catalog/load.js';
import type { Catalog } from './catalog/types.js';
import type { Config } from './config.js';
import { DialogEngine } from './dialog/engine.js';
import { newReference } from './dialog/reference.js';
import { checkCatalogTranslations, loadLocales, type Translator } from './i18n/index.js';
import type { Logger } from './log.js';
import { loadOrTrain } from './nlu/model.js';
import { Pipeline } from './pipeline.js';
import { openStore, type Store } from './store/index.js';
import { simulatorRoutes } from './channels/simulator/index.js';
import { consoleRoutes } from './console/index.js';
import type { NluService } from './nlu/index.js';
import { createWhatsAppChannel } from './channels/whatsapp/index.js';
import { createVoice } from './voice/index.js';

export interface Readiness {
  catalog: boolean;
  model: boolean;
  database: boolean;
}

export interface App {
  http: Hono;
  ready: Readiness;
  /** Resolves when the model is loaded and the pipeline accepts messages. */
  started: Promise<void>;
  pipeline(): Pipeline | undefined;
  store: Store;
  catalog: Catalog;
  i18n: Translator;
  nlu(): NluService | undefined;
  /** Load the model for the current corpus (training it if needed) and swap it in without dropping conversations. */
  reloadModel(): Promise<{ trained: boolean; ms: number; path: string }>;
  listen(port?: number): Promise<{ port: number; close(): Promise<void> }>;
  stop(): Promise<void>;
}

export async function createApp(config: Config, log: Logger): Promise<App> {
  const catalog = loadCatalog(config.intentsDir);
  const i18n = loadLocales(config.localesDir);
  checkCatalogTranslations(catalog, i18n);
  const store = await openStore(config.database);
  const ready: Readiness = { catalog: true, model: false, database: true };
  log.info({ services: catalog.services.length, departments: catalog.departments.length, database: store.kind }, 'catalog and database ready');
  if (!config.whatsapp) {
    log.info(
      config.whatsappMissing.length ? { missing: config.whatsappMissing } : {},
      config.whatsappMissing.length ? 'WhatsApp channel off: some WHATSAPP_* variables are missing' : 'WhatsApp channel off (WHATSAPP_* not set); the web simulator is on',
    );
  }

  const vocabulary = [...catalog.districts.flatMap((d) => [d.name.en, d.name.or]), ...catalog.services.filter((s) => s.popular).map((s) => s.name.en)];
  const voice = createVoice(config, log, { vocabulary });
  log.info({ voice: voice.describe() }, 'voice providers');

  let pipeline: Pipeline | undefined;
  let nlu: NluService | undefined;
  const stoppers: (() => Promise<void>)[] = [];
  const timers: NodeJS.Timeout[] = [];

  const started = (async () => {
    const model = await loadOrTrain({ intentsDir: config.intentsDir, modelDir: config.modelDir, catalog, log });
    nlu = model.nlu;
    const built = new Pipeline({
      store,
      nlu: model.nlu,
      parser: model.nlu.entities,
      dialog: new DialogEngine(catalog),
      catalog,
      i18n,
      log,
      voice: voice.input,
      spokenReplies: voice.speaks,
      newReference: (serviceId) => newReference(serviceId),
      resumeAfterMs: config.env.RESUME_AFTER_HOURS * 3_600_000,
    });
    // Messages left unanswered by a crash are queued before any new one can arrive (channels see no
    // pipeline until then), so nothing is answered twice and each citizen's order holds.
    for (const channel of ['simulator', ...(config.whatsapp ? ['whatsapp'] : [])]) await built.recover(channel);
    pipeline = built;
    ready.model = true;
    const expire = async () => {
      const before = new Date(Date.now() - config.env.DRAFT_TTL_DAYS * 86_400_000);
      const deleted = await store.deleteIdleConversations(before).catch((err: unknown) => (log.error({ err }, 'draft expiry failed'), 0));
      if (deleted) log.info({ deleted }, 'expired abandoned drafts deleted');
    };
    void expire();
    const timer = setInterval(() => void expire(), 3_600_000);
    timer.unref();
    timers.push(timer);
  })();
  started.catch((err: unknown) => log.fatal({ err }, 'start-up failed'));

  const http = new Hono();
  http.use(async (c, next) => {
    const t0 = performance.now();
    await next();
    if (c.req.path !== '/healthz') log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - t0) }, 'http');
  });
  http.get('/healthz', async (c) => {
    const database = await store.ping().then(() => true, () => false);
    const body = { status: ready.model && database ? 'ok' : 'starting', catalog: ready.catalog, model: ready.model, database };
    return c.json(body, body.status === 'ok' ? 200 : 503);
  });
  const whatsapp = config.whatsapp && createWhatsAppChannel({ config: config.whatsapp, store, pipeline: () => pipeline, log, voiceOutput: voice.output });
  if (whatsapp) {
    http.route('/', whatsapp.app);
    void started.then(() => whatsapp.start()).catch((err: unknown) => log.error({ err }, 'WhatsApp sender failed to start'));
    stoppers.push(() => whatsapp.stop());
    log.info('WhatsApp channel on at /webhooks/whatsapp');
  }
  http.route('/', consoleRoutes({ config, log, store, catalog, nlu: () => nlu, reloadModel: () => app.reloadModel() }));
  http.route('/', simulatorRoutes({ pipeline: () => pipeline, store, i18n, log }));
  http.onError((err, c) => {
    log.error({ err, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });

  const app: App = {
    http,
    ready,
    started,
    pipeline: () => pipeline,
    nlu: () => nlu,
    store,
    catalog,
    i18n,
    async reloadModel() {
      const model = await loadOrTrain({ intentsDir: config.intentsDir, modelDir: config.modelDir, catalog, log });
      nlu = model.nlu;
      pipeline?.replaceUnderstanding(model.nlu, model.nlu.entities);
      return { trained: model.trained, ms: model.ms, path: model.path };
    },
    async listen(port = config.port) {
      const server: ServerType = await new Promise((resolve) => {
        const s = serve({ fetch: http.fetch, port, hostname: config.host }, () => resolve(s));
      });
      const address = server.address() as AddressInfo;
      return {
        port: address.port,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await started.catch(() => undefined);
      await pipeline?.drain();
      for (const stop of stoppers) await stop();
      await store.close();
    },
  };
  return app;
}
