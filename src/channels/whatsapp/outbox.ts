/**
 * The sender: delivers the outbox rows of channel 'whatsapp' through the Graph API.
 *
 * - A row is claimed (pending → sending) before it is sent, so two senders never send the same row; it is
 *   marked sent with the wamid once WhatsApp accepts it. On start, rows left 'sending' by a crash are
 *   requeued and everything due is sent.
 * - One citizen's rows go out strictly in order (a row waiting for a retry holds back the later ones);
 *   different citizens are served concurrently.
 * - 429, 5xx, no answer, 130429, 131057 and the other transient codes are retried with exponential
 *   backoff; 131056 (too many to this citizen) also spaces that citizen's messages about 6 s apart for a
 *   while. 131047, 131026, 131009, 100 and other refusals are recorded on the row, not retried. 190 (token
 *   invalid) raises one operator alert in the log until a send succeeds again.
 * - A reply that renders to several messages (long text, paged list) remembers which parts went out, so a
 *   retry continues where it stopped instead of repeating them.
 */
import type { Logger } from 'pino';
import pLimit from 'p-limit';
import { whatsappLimits } from '../../config.js';
import type { Reply } from '../../core.js';
import type { OutboundMessage, Store } from '../../store/repository.js';
import type { VoiceOutput } from '../../voice/types.js';
import { disposition, GraphApiError, type GraphClient } from './client.js';
import { CHANNEL } from './parse.js';
import { renderReply, renderVoiceNote, type GraphMessage } from './render.js';
import type { DeliveryStatuses } from './statuses.js';

export interface RetryPolicy {
  /** First retry delay; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts (sends tried) after which a transiently failing row is recorded as failed. */
  maxAttempts: number;
  /** Spacing between messages to one citizen after WhatsApp reported 131056. */
  pairSpacingMs: number;
  /** How long that spacing is kept after the last 131056. */
  pairCooldownMs: number;
  /** Safety net: look at the outbox this often even if nobody asked (rows written by other processes). */
  pollIntervalMs: number;
  /** Citizens served at the same time. */
  concurrency: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxAttempts: 12,
  pairSpacingMs: 6_000,
  pairCooldownMs: 60_000,
  pollIntervalMs: 15_000,
  concurrency: 32,
};

export interface OutboxDeps {
  store: Store;
  client: GraphClient;
  statuses: DeliveryStatuses;
  log: Logger;
  voiceOutput?: VoiceOutput;
  retry?: Partial<RetryPolicy>;
}

type Row = OutboundMessage & { nextAttemptAt: Date | null };
/** What happened to one row: done (sent or recorded as failed), or waiting until a time. */
type RowOutcome = { done: true } | { done: false; until: number };

const BATCH = 500;

const isReply = (body: unknown): body is Reply =>
  body !== null && typeof body === 'object' && typeof (body as { kind?: unknown }).kind === 'string' && typeof (body as { text?: unknown }).text === 'string';

/** The wa_id of a citizen id `whatsapp:<wa_id>`. */
export const waIdOf = (citizenId: string): string => (citizenId.startsWith(`${CHANNEL}:`) ? citizenId.slice(CHANNEL.length + 1) : citizenId);

export class OutboxSender {
  private readonly policy: RetryPolicy;
  private readonly limit: ReturnType<typeof pLimit>;
  /** Parts of a multi-message reply already accepted, by row id. */
  private readonly progress = new Map<number, { sent: number; lastId: string | null }>();
  /** Uploaded voice notes by row id, so a retry does not synthesise and upload again. */
  private readonly uploaded = new Map<number, string>();
  /** Per-citizen spacing after 131056. */
  private readonly spacing = new Map<string, { until: number; next: number }>();
  private started = false;
  private stopped = false;
  private running = false;
  private again = false;
  private current: Promise<void> = Promise.resolve();
  /** Citizens whose replies are being sent, so each is served by one worker at a time, in order. */
  private readonly active = new Map<string, Promise<void>>();
  private wakeAt: number | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private tokenAlerted = false;

  constructor(private readonly deps: OutboxDeps) {
    this.policy = { ...defaultRetryPolicy, ...deps.retry };
    this.limit = pLimit(this.policy.concurrency);
  }

  /** Requeue rows a crash left in 'sending', then send everything due, and keep doing so. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    const requeued = await this.deps.store.requeueInterrupted(CHANNEL);
    if (requeued > 0) this.deps.log.warn({ requeued }, 'replies interrupted by a restart are queued again');
    this.pollTimer = setInterval(() => void this.kick(), this.policy.pollIntervalMs);
    this.pollTimer.unref();
    await this.kick();
  }

  /** Stop sending; resolves when the sends in progress have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    clearInterval(this.pollTimer);
    clearTimeout(this.wakeTimer);
    this.wakeAt = undefined;
    await this.settled();
  }

  /** Resolves when no pass is running and no citizen's replies are being sent. */
  async settled(): Promise<void> {
    while (this.running || this.active.size > 0) await Promise.allSettled([this.current, ...this.active.values()]);
  }

  /**
   * Ask for a pass now (new rows were committed). A pass starts sending for every citizen with something
   * due and resolves without waiting for those sends (see `settled`).
   */
  kick(): Promise<void> {
    if (!this.started || this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.current;
    }
    this.running = true;
    this.current = (async () => {
      let wake: number | undefined;
      try {
        do {
          this.again = false;
          wake = await this.pass();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.deps.log.error({ err: error }, 'outbox pass failed');
        wake = Date.now() + this.policy.pollIntervalMs;
      } finally {
        this.running = false;
      }
      if (wake !== undefined) this.scheduleWake(wake);
    })();
    return this.current;
  }

  /** Make sure a pass runs at `at` (an earlier wake already planned covers it). */
  private scheduleWake(at: number): void {
    if (this.stopped) return;
    if (this.wakeAt !== undefined && this.wakeAt <= at && this.wakeAt > Date.now()) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = undefined;
      void this.kick();
    }, Math.max(0, at - Date.now()));
    this.wakeTimer.unref();
  }

  /**
   * One look at the outbox: starts sending for each citizen whose next row is due and who is not being
   * served already; returns when the earliest row that is not yet due will be.
   */
  private async pass(): Promise<number | undefined> {
    const rows = await this.deps.store.unsentOutbound(CHANNEL, BATCH);
    if (rows.length === BATCH) this.again = true;
    const byCitizen = new Map<string, Row[]>();
    for (const row of rows) {
      const list = byCitizen.get(row.citizenId);
      if (list) list.push(row);
      else byCitizen.set(row.citizenId, [row]);
    }
    let wake: number | undefined;
    const earliest = (at: number) => (wake = wake === undefined ? at : Math.min(wake, at));
    for (const [citizenId, list] of byCitizen) {
      if (this.active.has(citizenId)) continue;
      const waitUntil = this.waitFor(citizenId, list[0]!);
      if (waitUntil === 'held') continue;
      if (waitUntil !== undefined) {
        earliest(waitUntil);
        continue;
      }
      const work = this.limit(() => this.sendInOrder(citizenId, list))
        .then((until) => {
          if (until !== undefined) this.scheduleWake(until);
        })
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'outbox send failed'))
        .finally(() => {
          this.active.delete(citizenId);
          void this.kick();
        });
      this.active.set(citizenId, work);
    }
    return wake;
  }

  /**
   * Whether a citizen's next row can go now (undefined), must wait until a time, or is held: claimed by
   * another sender, or left by a crashed process (requeued when it restarts).
   */
  private waitFor(citizenId: string, row: Row): number | 'held' | undefined {
    if (row.status === 'sending') return 'held';
    const now = Date.now();
    if (row.nextAttemptAt && row.nextAttemptAt.getTime() > now) return row.nextAttemptAt.getTime();
    const spaced = this.spacing.get(citizenId);
    if (spaced && spaced.until > now && spaced.next > now) return spaced.next;
    return undefined;
  }

  /** Send one citizen's rows in order; stops at the first that must wait, returning until when. */
  private async sendInOrder(citizenId: string, rows: Row[]): Promise<number | undefined> {
    for (const row of rows) {
      if (this.stopped) return undefined;
      const waitUntil = this.waitFor(citizenId, row);
      if (waitUntil === 'held') return undefined;
      if (waitUntil !== undefined) return waitUntil;
      const outcome = await this.sendRow(citizenId, row);
      if (!outcome.done) return outcome.until;
    }
    return undefined;
  }

  private async sendRow(citizenId: string, row: Row): Promise<RowOutcome> {
    const { store, client, log } = this.deps;
    if (!(await store.claimOutbound(row.id))) return { done: true };
    const attempts = row.attempts + 1;
    try {
      const payloads = await this.payloadsFor(row);
      const progress = this.progress.get(row.id) ?? { sent: 0, lastId: null };
      this.progress.set(row.id, progress);
      const first = progress.sent;
      for (let i = first; i < payloads.length; i++) {
        if (i > first) await this.awaitSpacing(citizenId);
        const { id } = await client.sendMessage(payloads[i]!);
        progress.sent = i + 1;
        progress.lastId = id;
        this.noteSent(citizenId);
      }
      await store.markSent(row.id, progress.lastId);
      this.forget(row.id);
      this.tokenAlerted = false;
      log.debug({ outbox: row.id, parts: payloads.length, attempts }, 'reply sent');
      if (progress.lastId) await this.deps.statuses.recorded(progress.lastId);
      return { done: true };
    } catch (error) {
      return this.failed(citizenId, row, attempts, error);
    }
  }

  private async failed(citizenId: string, row: Row, attempts: number, error: unknown): Promise<RowOutcome> {
    const { store, log } = this.deps;
    const graph = error instanceof GraphApiError ? error : undefined;
    const code = graph ? (graph.code ?? (graph.status || null)) : null;
    const kind = disposition(error);
    if (kind === 'retry' || kind === 'pair_rate_limit') {
      if (attempts >= this.policy.maxAttempts) {
        await store.markFailed(row.id, code);
        this.forget(row.id);
        log.error({ outbox: row.id, code, attempts }, 'reply not sent: gave up after repeated transient errors');
        return { done: true };
      }
      const now = Date.now();
      let delay = Math.max(this.backoff(attempts), graph?.retryAfterMs ?? 0);
      if (kind === 'pair_rate_limit') {
        delay = Math.max(delay, this.policy.pairSpacingMs);
        this.spacing.set(citizenId, { until: now + this.policy.pairCooldownMs, next: now + delay });
      }
      const until = now + delay;
      await store.markRetry(row.id, code, new Date(until));
      log.warn({ outbox: row.id, code, status: graph?.status, attempts, retryInMs: delay }, 'reply deferred: will retry');
      return { done: false, until };
    }
    await store.markFailed(row.id, code);
    this.forget(row.id);
    if (kind === 'token_invalid') {
      log.debug({ outbox: row.id }, 'reply not sent: access token rejected');
      if (!this.tokenAlerted) {
        this.tokenAlerted = true;
        log.fatal(
          { code, alert: 'operator' },
          'operator alert: the WhatsApp access token was rejected (190); no reply can be sent until WHATSAPP_ACCESS_TOKEN is replaced',
        );
      }
    } else if (graph) {
      log.warn({ outbox: row.id, code, status: graph.status }, 'reply refused by WhatsApp; recorded, not retried');
      log.debug({ outbox: row.id, code, details: graph.details }, 'refusal details');
    } else {
      log.error({ outbox: row.id, err: error }, 'reply could not be prepared; recorded as failed');
    }
    return { done: true };
  }

  private backoff(attempts: number): number {
    const exp = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exp * (0.85 + Math.random() * 0.3));
  }

  private forget(rowId: number): void {
    this.progress.delete(rowId);
    this.uploaded.delete(rowId);
  }

  private noteSent(citizenId: string): void {
    const spaced = this.spacing.get(citizenId);
    if (!spaced) return;
    const now = Date.now();
    if (spaced.until <= now) this.spacing.delete(citizenId);
    else spaced.next = now + this.policy.pairSpacingMs;
  }

  /** Within one multi-part reply, keep the per-citizen spacing while it applies. */
  private async awaitSpacing(citizenId: string): Promise<void> {
    const spaced = this.spacing.get(citizenId);
    const wait = spaced && spaced.until > Date.now() ? spaced.next - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** The Graph API messages for a row: a voice note when asked for and available, else rendered text/interactive. */
  private async payloadsFor(row: Row): Promise<GraphMessage[]> {
    if (!isReply(row.body)) throw new Error(`outbox row ${row.id} does not hold a reply`);
    const reply = row.body;
    const to = waIdOf(row.citizenId);
    if (reply.kind === 'audio' && this.deps.voiceOutput) {
      const mediaId = this.uploaded.get(row.id) ?? (await this.voiceNote(row.id, reply));
      if (mediaId) return [renderVoiceNote(to, mediaId)];
    }
    return renderReply(to, reply);
  }

  /** Synthesise and upload a voice note; undefined (send the text) when there is none to send. */
  private async voiceNote(rowId: number, reply: Extract<Reply, { kind: 'audio' }>): Promise<string | undefined> {
    let voice: { audio: Buffer; mimeType: string } | undefined;
    try {
      voice = await this.deps.voiceOutput!.synthesize(reply.text, reply.language);
    } catch (error) {
      this.deps.log.warn({ err: error, outbox: rowId }, 'speech synthesis failed; sending the text instead');
      return undefined;
    }
    if (!voice || voice.audio.length === 0 || voice.audio.length > whatsappLimits.mediaBytes) return undefined;
    try {
      const mediaId = await this.deps.client.uploadMedia(voice.audio, voice.mimeType, 'reply.ogg');
      this.uploaded.set(rowId, mediaId);
      return mediaId;
    } catch (error) {
      if (disposition(error) !== 'permanent') throw error;
      this.deps.log.warn({ outbox: rowId, code: (error as GraphApiError).code }, 'voice note upload refused; sending the text instead');
      return undefined;
    }
  }
}
