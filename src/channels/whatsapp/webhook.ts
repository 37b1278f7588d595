/**
 * The webhook at the fixed path /webhooks/whatsapp.
 * - GET: Meta's verification handshake (the challenge echoed as plain text when mode and token match, else 403).
 * - POST: at most 3 MB; the X-Hub-Signature-256 is checked over the raw bytes before anything is parsed
 *   (401 when missing or wrong); new messages are recorded in the store (so a crash cannot lose them), then
 *   200 and the events are handled in the background: messages
 *   (text, voice notes, taps, locations, media, unsupported) go to the pipeline through the inbox,
 *   delivery statuses go onto the outbox rows, reactions and system notices are ignored.
 *   While the channel is starting (no pipeline yet) or stopping, 503 asks Meta to deliver again later.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { whatsappLimits } from '../../config.js';
import type { Inbound } from '../../core.js';
import type { Inbox } from './inbox.js';
import { parseWebhook, type ParseOptions } from './parse.js';
import { verifySignature } from './signature.js';
import type { DeliveryStatuses } from './statuses.js';

export const WEBHOOK_PATH = '/webhooks/whatsapp';

export interface WebhookDeps {
  verifyToken: string;
  appSecret: string;
  inbox: Inbox;
  /** Records a message in the store; false when it was recorded before (a redelivery). */
  record: (message: Inbound) => Promise<boolean>;
  statuses: DeliveryStatuses;
  parseOptions: ParseOptions;
  /** False until the pipeline can take messages: events are refused with 503 so Meta delivers them again. */
  ready: () => boolean;
  log: Logger;
}

export interface Webhook {
  app: Hono;
  /** Refuse new events (503) from now on. */
  close(): void;
  /** Resolves when the background work of accepted webhooks (statuses) is done. */
  idle(): Promise<void>;
}

/** Constant-time string equality (lengths are hidden by hashing first). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function createWebhook(deps: WebhookDeps): Webhook {
  const { log } = deps;
  const app = new Hono();
  const background = new Set<Promise<void>>();
  let open = true;

  app.get(WEBHOOK_PATH, (c) => {
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token');
    const challenge = c.req.query('hub.challenge');
    if (mode === 'subscribe' && token !== undefined && challenge !== undefined && sameSecret(token, deps.verifyToken)) {
      log.info('webhook verified by Meta');
      return c.text(challenge, 200);
    }
    log.warn('webhook verification refused');
    return c.text('Forbidden', 403);
  });

  app.post(
    WEBHOOK_PATH,
    bodyLimit({ maxSize: whatsappLimits.webhookBodyBytes, onError: (c) => c.text('Payload Too Large', 413) }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (!verifySignature(raw, c.req.header('x-hub-signature-256'), deps.appSecret)) {
        log.warn({ bytes: raw.byteLength }, 'webhook signature missing or wrong; rejected');
        return c.text('Invalid signature', 401);
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.from(raw).toString('utf8'));
      } catch {
        log.warn('signed webhook body is not JSON; rejected');
        return c.text('Invalid JSON', 400);
      }
      if (!open) return c.text('Shutting down', 503);
      if (!deps.ready()) return c.text('Starting', 503);
      const parsed = parseWebhook(body, deps.parseOptions);
      const fresh: Inbound[] = [];
      try {
        for (const message of parsed.messages) if (await deps.record(message)) fresh.push(message);
      } catch (error) {
        // Meta delivers the webhook again; what was recorded is answered now (a redelivery would skip it).
        deps.inbox.accept(fresh);
        log.error({ err: error, recorded: fresh.length }, 'messages could not be recorded; asking Meta to deliver again');
        return c.text('Try again', 500);
      }
      deps.inbox.accept(fresh);
      if (parsed.statuses.length > 0) {
        const work = (async () => {
          for (const status of parsed.statuses) {
            await deps.statuses.apply(status).catch((error: unknown) => log.error({ err: error }, 'delivery status not stored'));
          }
        })();
        background.add(work);
        void work.finally(() => background.delete(work));
      }
      for (const error of parsed.errors) log.warn({ code: error.code, title: error.title }, 'WhatsApp reported an error');
      log.info(
        { messages: parsed.messages.length, redelivered: parsed.messages.length - fresh.length, statuses: parsed.statuses.length, skipped: parsed.skipped.length },
        'webhook accepted',
      );
      return c.text('EVENT_RECEIVED', 200);
    },
  );

  return {
    app,
    close: () => {
      open = false;
    },
    idle: async () => {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}
