/**
 * Inbound messages from webhooks to the pipeline: one queue per citizen, kept sorted by the messages'
 * `timestamp` (Meta does not deliver in order), different citizens in parallel. A message arriving while
 * its citizen is idle waits a short ordering window so a slightly earlier one still in flight can overtake
 * it. Only messages the webhook recorded as new reach it (redeliveries are dropped there, atomically by the
 * store); a message being worked on is marked read with the typing indicator.
 */
import type { Logger } from 'pino';
import type { Inbound } from '../../core.js';
import type { Pipeline } from '../../pipeline.js';
import { GraphApiError, type GraphClient } from './client.js';

export interface InboxDeps {
  /** The pipeline, once it exists (the webhook refuses events before that). */
  pipeline: () => Pipeline | undefined;
  client: GraphClient;
  log: Logger;
  /** How long a citizen's first message waits for earlier ones still on their way (ms). */
  orderingWindowMs?: number;
}

interface CitizenQueue {
  /** Waiting messages, sorted by timestamp. */
  items: Inbound[];
}

export const DEFAULT_ORDERING_WINDOW_MS = 150;

export class Inbox {
  private readonly queues = new Map<string, CitizenQueue>();
  private readonly running = new Set<Promise<void>>();
  private readonly windowMs: number;

  constructor(private readonly deps: InboxDeps) {
    this.windowMs = deps.orderingWindowMs ?? DEFAULT_ORDERING_WINDOW_MS;
  }

  /** Queue recorded messages (any citizens, any order); processing happens in the background. */
  accept(messages: Inbound[]): void {
    for (const message of messages) {
      let queue = this.queues.get(message.userId);
      if (!queue) {
        queue = { items: [] };
        this.queues.set(message.userId, queue);
        const started = new Promise<void>((resolve) => setTimeout(resolve, this.windowMs)).then(() => this.drain(message.userId));
        this.running.add(started);
        void started.finally(() => this.running.delete(started));
      }
      const at = message.timestamp.getTime();
      const index = queue.items.findIndex((m) => m.timestamp.getTime() > at);
      if (index < 0) queue.items.push(message);
      else queue.items.splice(index, 0, message);
    }
  }

  /** Resolves when every accepted message has been handled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async drain(userId: string): Promise<void> {
    const queue = this.queues.get(userId);
    if (!queue) return;
    try {
      for (let message = queue.items.shift(); message; message = queue.items.shift()) {
        try {
          await this.handle(message);
        } catch (error) {
          this.deps.log.error({ err: error, kind: message.kind }, 'inbound message could not be processed');
        }
      }
    } finally {
      this.queues.delete(userId);
    }
  }

  private async handle(message: Inbound): Promise<void> {
    const { pipeline, client, log } = this.deps;
    await client.markRead(message.messageId, true).catch((error: unknown) => {
      log.warn({ code: error instanceof GraphApiError ? error.code : undefined }, 'could not mark a message read');
    });
    const ready = pipeline();
    if (!ready) throw new Error('pipeline not ready');
    const result = await ready.answer(message);
    log.debug({ kind: message.kind, replies: result.outbound.length }, 'inbound handled');
  }
}
