/**
 * The WhatsApp Cloud API channel, assembled: webhook routes (mount `app` at '/'), the inbox that feeds
 * the pipeline, and the outbox sender that delivers the pipeline's replies through the Graph API.
 *
 *   const whatsapp = createWhatsAppChannel({ config: config.whatsapp, store, pipeline: () => pipeline, log, voiceOutput });
 *   http.route('/', whatsapp.app);   // at once: webhooks get 503 (Meta retries) until the pipeline exists
 *   await whatsapp.start();   // requeues replies a crash interrupted, sends what is due
 *   …
 *   await whatsapp.stop();    // 503 for new webhooks, finishes accepted messages and the send in progress
 */
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { AudioSource } from '../../core.js';
import type { Pipeline } from '../../pipeline.js';
import type { Store } from '../../store/repository.js';
import type { VoiceOutput } from '../../voice/types.js';
import { GraphClient } from './client.js';
import { Inbox } from './inbox.js';
import { OutboxSender, type RetryPolicy } from './outbox.js';
import { CHANNEL, type MediaRef } from './parse.js';
import { DeliveryStatuses } from './statuses.js';
import { createWebhook, WEBHOOK_PATH } from './webhook.js';

export { WEBHOOK_PATH, CHANNEL };
export { GraphApiError, MediaError } from './client.js';

/** Knobs with production defaults; tests shorten the delays. */
export interface WhatsAppTuning {
  retry?: Partial<RetryPolicy>;
  /** Wait for earlier messages still in flight before a citizen's first message is handled (default 150 ms). */
  orderingWindowMs?: number;
  /** Time limit per Graph API call (default 15 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export interface WhatsAppChannelDeps {
  config: NonNullable<Config['whatsapp']>;
  store: Store;
  /** The pipeline, or a getter for one built later (webhooks get 503 until it exists). */
  pipeline: Pipeline | (() => Pipeline | undefined);
  log: Logger;
  /** Speaks `audio` replies; without it (or when it has no voice for a language) the text is sent. */
  voiceOutput?: VoiceOutput;
  tuning?: WhatsAppTuning;
}

export interface WhatsAppChannel {
  /** Routes for GET and POST /webhooks/whatsapp; mount at '/'. */
  app: Hono;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every accepted webhook has been processed and the outbox has been worked through. */
  idle(): Promise<void>;
}

export function createWhatsAppChannel(deps: WhatsAppChannelDeps): WhatsAppChannel {
  const { config, store, pipeline, tuning = {} } = deps;
  const log = deps.log.child({ channel: CHANNEL });
  const client = new GraphClient({
    apiUrl: config.apiUrl,
    accessToken: config.accessToken,
    phoneNumberId: config.phoneNumberId,
    ...(tuning.requestTimeoutMs ? { timeoutMs: tuning.requestTimeoutMs } : {}),
    ...(tuning.fetch ? { fetch: tuning.fetch } : {}),
  });
  const statuses = new DeliveryStatuses(store, log);
  const outbox = new OutboxSender({ store, client, statuses, log, voiceOutput: deps.voiceOutput, retry: tuning.retry });
  /** The pipeline once it exists; the outbox listener is registered the first time it is seen. */
  let registered: Pipeline | undefined;
  const currentPipeline = (): Pipeline | undefined => {
    const found = typeof pipeline === 'function' ? pipeline() : pipeline;
    if (found && found !== registered) {
      registered = found;
      found.onOutbound(CHANNEL, () => void outbox.kick());
    }
    return found;
  };
  const inbox = new Inbox({ pipeline: currentPipeline, client, log, orderingWindowMs: tuning.orderingWindowMs });

  /** A voice note's bytes, downloaded (size-capped, hash-checked) the first time they are asked for. */
  const audio = (ref: MediaRef): AudioSource => {
    let download: Promise<Buffer> | undefined;
    return {
      mimeType: ref.mimeType,
      fetch: () => {
        download ??= client
          .downloadMedia(ref.id, ref.sha256 ? { expectedSha256: ref.sha256 } : {})
          .then((media) => media.bytes)
          .catch((error: unknown) => {
            download = undefined;
            throw error;
          });
        return download;
      },
    };
  };

  const webhook = createWebhook({
    verifyToken: config.verifyToken,
    appSecret: config.appSecret,
    inbox,
    record: async (message) => {
      const ready = currentPipeline();
      if (!ready) throw new Error('pipeline not ready');
      return ready.receive(message);
    },
    statuses,
    parseOptions: { audio },
    ready: () => currentPipeline() !== undefined,
    log,
  });
  currentPipeline();

  return {
    app: webhook.app,
    start: async () => {
      currentPipeline();
      await outbox.start();
    },
    stop: async () => {
      webhook.close();
      await Promise.all([inbox.idle(), webhook.idle()]);
      await outbox.stop();
    },
    idle: async () => {
      await Promise.all([inbox.idle(), webhook.idle()]);
      await outbox.kick();
      await outbox.settled();
    },
  };
}
