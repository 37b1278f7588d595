/**
 * The bot's WhatsApp channel served over real HTTP on loopback, with a real Pipeline and SQLite store, a
 * tiny echoing dialog of our own, and the fake Graph API. Log lines are captured for assertions.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Catalog } from '../../src/catalog/types.js';
import { createWhatsAppChannel, MediaError, type WhatsAppChannel } from '../../src/channels/whatsapp/index.js';
import type { RetryPolicy } from '../../src/channels/whatsapp/outbox.js';
import type { Nlu, Reply, Understanding } from '../../src/core.js';
import type { TextParser } from '../../src/dialog/fields.js';
import type { Dialog, DialogEvent } from '../../src/dialog/types.js';
import type { Translator } from '../../src/i18n/index.js';
import { createLogger } from '../../src/log.js';
import { Pipeline } from '../../src/pipeline.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { VoiceInput, VoiceOutput } from '../../src/voice/types.js';
import { FakeGraphApi } from '../fakes/graph-api.js';
import { sqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { postWebhook } from '../fakes/meta-signing.js';

export const APP_SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'odisha-verify-token';
export const CITIZEN = '919437012345';

const ODIA = /[\u0B00-\u0B7F]/u;

/** Answers every event so tests can see what the pipeline received. */
export const echoDialog: Dialog = {
  expecting: () => undefined,
  step(state, event: DialogEvent) {
    const turns = ((state as { turns?: number } | undefined)?.turns ?? 0) + 1;
    const replies: Reply[] = [];
    let language: 'en' | 'or' = 'en';
    switch (event.kind) {
      case 'text':
        language = ODIA.test(event.text) ? 'or' : 'en';
        if (event.text === 'menu') {
          replies.push({
            kind: 'buttons',
            text: 'Please choose your language. ଦୟାକରି ଆପଣଙ୍କ ଭାଷା ବାଛନ୍ତୁ।',
            header: 'Language / ଭାଷା',
            buttons: [
              { id: 'lang:or', title: 'ଓଡ଼ିଆ' },
              { id: 'lang:en', title: 'English' },
            ],
          });
        } else if (event.text === 'services') {
          replies.push({
            kind: 'list',
            text: 'Which certificate do you need?',
            button: 'View services',
            sections: [
              { title: 'Civil registration', rows: Array.from({ length: 6 }, (_, i) => ({ id: `svc:civil_${i}`, title: `Civil service number ${i}` })) },
              { title: 'Revenue', rows: Array.from({ length: 6 }, (_, i) => ({ id: `svc:rev_${i}`, title: `ରାଜସ୍ୱ ସେବା ପ୍ରମାଣପତ୍ର ନମ୍ବର ${i}` })) },
            ],
          });
        } else if (event.text === 'two') {
          replies.push({ kind: 'text', text: 'first reply' }, { kind: 'text', text: 'second reply' });
        } else if (event.text === 'speak') {
          replies.push({ kind: 'audio', text: 'spoken reply', language: 'en' });
        } else if (event.text === 'long') {
          replies.push({ kind: 'text', text: Array.from({ length: 30 }, (_, i) => `Paragraph ${i}. ${'word '.repeat(50)}`).join('\n\n') });
        } else {
          replies.push({ kind: 'text', text: `echo: ${event.text}` });
        }
        break;
      case 'choice':
        replies.push({ kind: 'text', text: `chose ${event.id} (${event.title})` });
        break;
      case 'media':
        replies.push({ kind: 'text', text: `got ${event.mediaKind} ${event.mediaId}` });
        break;
      case 'location':
        replies.push({ kind: 'text', text: `at ${event.latitude},${event.longitude}` });
        break;
      case 'voice_failed':
        replies.push({ kind: 'text', text: `voice failed: ${event.reason}` });
        break;
      case 'unsupported':
        replies.push({ kind: 'text', text: `unsupported ${event.what}` });
        break;
    }
    return { state: { turns }, replies, applications: [], utterances: [], language, spokenReplies: true };
  },
};

const nlu: Nlu = {
  async understand(text): Promise<Understanding> {
    return { text, normalized: text, language: ODIA.test(text) ? 'or' : 'en', intents: [], decision: { kind: 'none' }, entities: [] };
  },
};

/** A recogniser that downloads the audio and reports its size and first bytes. */
const voiceInput: VoiceInput = {
  async transcribe(audio) {
    try {
      const bytes = await audio.fetch();
      return { ok: true, text: `heard ${bytes.length} bytes ${bytes.subarray(0, 4).toString('utf8')}` };
    } catch (error) {
      if (error instanceof MediaError) return { ok: false, reason: error.reason };
      throw error;
    }
  },
};

/** The echo dialog reads no fields, so its parser finds nothing. */
const parser: TextParser = {
  extract: () => [],
  name: () => undefined,
  district: () => undefined,
  block: () => undefined,
  yesNo: () => undefined,
  number: () => undefined,
  isCorrection: () => false,
};

const catalog: Catalog = { departments: [], services: [], service: () => undefined, fields: new Map(), districts: [], blocks: [] };
const i18n: Translator = {
  t: (lang, id) => (id === 'error-generic' ? (lang === 'or' ? 'ଦୁଃଖିତ, ଗୋଟିଏ ତ୍ରୁଟି ହେଲା।' : 'Sorry, something went wrong.') : id),
  has: () => true,
  ids: () => ['error-generic'],
};

export const fastRetry: Partial<RetryPolicy> = { baseDelayMs: 20, maxDelayMs: 200, pairSpacingMs: 150, pairCooldownMs: 1000, pollIntervalMs: 5000 };

export interface HarnessOptions {
  graph?: FakeGraphApi;
  /** The database to use (default: a fresh SQLite file). */
  db?: TestDatabase;
  voiceOutput?: VoiceOutput;
  retry?: Partial<RetryPolicy>;
  /** Call channel.start() (default true). */
  start?: boolean;
  orderingWindowMs?: number;
}

export interface Harness {
  url: string;
  webhookUrl: string;
  graph: FakeGraphApi;
  store: Store;
  pipeline: Pipeline;
  channel: WhatsAppChannel;
  logs: Record<string, any>[];
  db: TestDatabase;
  post(payload: unknown, options?: Parameters<typeof postWebhook>[3]): Promise<Response>;
  /** Stop the server and channel and close the store; keeps the database and the fake unless asked. */
  stop(options?: { keepGraph?: boolean; keepDb?: boolean }): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const graph = options.graph ?? (await FakeGraphApi.start());
  const db = options.db ?? sqliteDatabase();
  const store = await openStore(db.database);
  const logs: Record<string, any>[] = [];
  const log = createLogger('debug', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const pipeline = new Pipeline({
    store,
    nlu,
    parser,
    dialog: echoDialog,
    catalog,
    i18n,
    log,
    voice: voiceInput,
    newReference: (id) => `REF-${id}`,
    resumeAfterMs: 86_400_000,
  });
  const channel = createWhatsAppChannel({
    config: { verifyToken: VERIFY_TOKEN, appSecret: APP_SECRET, accessToken: graph.token, phoneNumberId: graph.phoneNumberId, apiUrl: graph.apiUrl },
    store,
    pipeline,
    log,
    ...(options.voiceOutput ? { voiceOutput: options.voiceOutput } : {}),
    tuning: { retry: { ...fastRetry, ...options.retry }, orderingWindowMs: options.orderingWindowMs ?? 20 },
  });
  if (options.start !== false) await channel.start();
  const { server, port } = await new Promise<{ server: Server; port: number }>((resolve) => {
    const s = serve({ fetch: channel.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server: s as Server, port: info.port }));
  });
  const url = `http://127.0.0.1:${port}`;
  const webhookUrl = `${url}/webhooks/whatsapp`;
  return {
    url,
    webhookUrl,
    graph,
    store,
    pipeline,
    channel,
    logs,
    db,
    post: (payload, postOptions) => postWebhook(webhookUrl, payload, APP_SECRET, postOptions),
    async stop(stopOptions = {}) {
      await channel.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      if (!stopOptions.keepGraph) await graph.close();
      if (!stopOptions.keepDb) await db.drop();
    },
  };
}

/** Poll until `check` passes (it throws until then) or the time is up. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 4000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
