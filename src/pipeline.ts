/**
 * One message's way through the bot: Inbound → (voice → text) → understanding → dialog → persisted turn
 * → Reply[]. Channels call `handle` (or `receive`, then `answer`); nothing here knows a platform's JSON.
 *
 * Guarantees:
 * - a redelivered message (same channel + message id) is processed once;
 * - one citizen's messages are processed one at a time, in arrival order; different citizens concurrently;
 * - a turn's state, replies (outbox), applications and review utterances are written in one transaction,
 *   with optimistic concurrency on the conversation version (retried on conflict);
 * - if anything throws, the citizen gets a polite error and the conversation state is left as it was.
 */
import type { Logger } from 'pino';
import type { Catalog } from './catalog/types.js';
import type { AudioSource, Inbound, Language, Nlu, Reply } from './core.js';
import type { TextParser } from './dialog/fields.js';
import type { Dialog, DialogEvent } from './dialog/types.js';
import type { Translator } from './i18n/index.js';
import type { OutboundMessage, Store } from './store/repository.js';
import type { VoiceInput } from './voice/types.js';

export interface PipelineDeps {
  store: Store;
  nlu: Nlu;
  dialog: Dialog;
  parser: TextParser;
  catalog: Catalog;
  i18n: Translator;
  log: Logger;
  voice?: VoiceInput;
  /** Answer voice notes with a voice note too (only when replies can be spoken). */
  spokenReplies?: boolean;
  newReference(serviceId: string): string;
  resumeAfterMs: number;
  now?: () => Date;
}

export interface HandleResult {
  /** True when this message id was seen before: nothing was done. */
  duplicate: boolean;
  replies: Reply[];
  /** The replies as recorded in the outbox (channels that send asynchronously deliver these). */
  outbound: OutboundMessage[];
  /** Language the replies are in. */
  language: Language | undefined;
}

/** Called after a turn commits, per channel, so that channel's sender can deliver the outbox promptly. */
export type OutboundListener = (messages: OutboundMessage[]) => void;

const MAX_CONFLICT_RETRIES = 3;

export class Pipeline {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Map<string, OutboundListener>();
  private readonly now: () => Date;

  private readonly deps: PipelineDeps;

  constructor(deps: PipelineDeps) {
    this.deps = { ...deps };
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Swap in a newly trained model between turns (turns in progress finish with the old one); conversations
   * are untouched.
   */
  replaceUnderstanding(nlu: Nlu, parser: TextParser): void {
    this.deps.nlu = nlu;
    this.deps.parser = parser;
  }

  /** A channel registers to hear about new outbound messages for it. */
  onOutbound(channel: string, listener: OutboundListener): void {
    this.listeners.set(channel, listener);
  }

  static citizenId(inbound: Pick<Inbound, 'channel' | 'userId'>): string {
    return `${inbound.channel}:${inbound.userId}`;
  }

  /** Process one inbound message; resolves once its turn is committed. */
  async handle(inbound: Inbound): Promise<HandleResult> {
    if (!(await this.receive(inbound))) {
      this.deps.log.debug({ channel: inbound.channel }, 'duplicate message ignored');
      return { duplicate: true, replies: [], outbound: [], language: undefined };
    }
    return this.answer(inbound);
  }

  /**
   * Record an inbound message without processing it; false when it was recorded before (a redelivery).
   * Channels that acknowledge before they process (WhatsApp) record first, so a crash after the
   * acknowledgement cannot lose the message: `recover` answers it at the next start.
   */
  async receive(inbound: Inbound): Promise<boolean> {
    const citizenId = Pipeline.citizenId(inbound);
    await this.deps.store.touchCitizen(citizenId, inbound.channel, this.now());
    return this.deps.store.recordInbound({
      citizenId,
      channel: inbound.channel,
      channelMessageId: inbound.messageId,
      kind: inbound.kind,
      body: storable(inbound),
      at: this.now(),
    });
  }

  /** Process a message `receive` recorded, after the citizen's earlier ones; resolves once its turn is committed. */
  answer(inbound: Inbound): Promise<HandleResult> {
    const citizenId = Pipeline.citizenId(inbound);
    return this.serially(citizenId, () => this.process(citizenId, inbound));
  }

  /**
   * After a crash, messages that were recorded but never answered are processed now, in their order. A
   * voice note's audio is not kept, so its turn tells the citizen it could not be understood (send again).
   */
  async recover(channel: string): Promise<number> {
    const pending = await this.deps.store.unprocessedInbound(channel);
    let recovered = 0;
    for (const message of pending) {
      const inbound = revive(message.body);
      if (!inbound) {
        await this.deps.store.markInbound(channel, message.channelMessageId, 'failed');
        continue;
      }
      recovered += 1;
      void this.serially(message.citizenId, () => this.process(message.citizenId, inbound));
    }
    if (pending.length) this.deps.log.info({ channel, recovered, skipped: pending.length - recovered }, 'unanswered messages from before a restart');
    return recovered;
  }

  /** Waits for every queued turn to finish (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private serially<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  private async process(citizenId: string, inbound: Inbound): Promise<HandleResult> {
    const started = performance.now();
    const { store, log } = this.deps;
    const citizen = await store.citizen(citizenId);
    try {
      const loaded = await store.loadConversation(citizenId);
      const event = await this.toEvent(inbound, loaded?.state, citizen?.language ?? undefined);
      for (let attempt = 0; ; attempt++) {
        const conversation = attempt === 0 ? loaded : await store.loadConversation(citizenId);
        const applications = await store.applicationsOf(citizenId, 20);
        const result = this.deps.dialog.step(conversation?.state, event, {
          catalog: this.deps.catalog,
          i18n: this.deps.i18n,
          parser: this.deps.parser,
          now: this.now(),
          applications,
          newReference: this.deps.newReference,
          resumeAfterMs: this.deps.resumeAfterMs,
        });
        const replies = inbound.kind === 'voice' && this.deps.spokenReplies && result.spokenReplies ? withSpokenReply(result.replies, result.language) : result.replies;
        const committed = await store.commitTurn(
          {
            citizenId,
            expectedVersion: conversation?.version ?? 0,
            state: result.state,
            outbound: replies.map((reply) => ({ channel: inbound.channel, kind: reply.kind, body: reply })),
            applications: result.applications,
            utterances: result.utterances,
            inbound: { channel: inbound.channel, channelMessageId: inbound.messageId },
          },
          this.now(),
        );
        if (!committed.ok) {
          if (attempt < MAX_CONFLICT_RETRIES) continue;
          throw new Error('conversation changed concurrently too many times');
        }
        if (result.language && result.language !== citizen?.language) {
          await store.setCitizenPreferences(citizenId, { language: result.language });
        }
        log.info(
          {
            channel: inbound.channel,
            kind: inbound.kind,
            event: event.kind,
            decision: event.kind === 'text' ? event.understanding.decision.kind : undefined,
            intent: event.kind === 'text' ? event.understanding.intents[0]?.id : undefined,
            replies: replies.length,
            ms: Math.round(performance.now() - started),
          },
          'turn',
        );
        this.listeners.get(inbound.channel)?.(committed.outbound);
        return { duplicate: false, replies, outbound: committed.outbound, language: result.language };
      }
    } catch (error) {
      log.error({ err: error, channel: inbound.channel, kind: inbound.kind }, 'turn failed; state kept');
      await store.markInbound(inbound.channel, inbound.messageId, 'failed').catch(() => undefined);
      const language = citizen?.language ?? 'en';
      const reply: Reply = { kind: 'text', text: this.deps.i18n.t(language, 'error-generic') };
      const queued = await store
        .enqueueOutbound(citizenId, { channel: inbound.channel, kind: reply.kind, body: reply }, this.now())
        .catch(() => undefined);
      if (queued) this.listeners.get(inbound.channel)?.([queued]);
      return { duplicate: false, replies: [reply], outbound: queued ? [queued] : [], language };
    }
  }

  private async toEvent(inbound: Inbound, state: unknown, language: Language | undefined): Promise<DialogEvent> {
    switch (inbound.kind) {
      case 'text':
        return this.understood(inbound.text, state, false);
      case 'voice': {
        if (!this.deps.voice) return { kind: 'voice_failed', reason: 'unavailable' };
        const expecting = this.deps.dialog.expecting(state);
        const outcome = await this.deps.voice.transcribe(inbound.audio, { language, vocabulary: expecting?.vocabulary });
        if (!outcome.ok) return { kind: 'voice_failed', reason: outcome.reason };
        return { ...(await this.understood(outcome.text, state, true)), voiceConfidence: outcome.confidence } as DialogEvent;
      }
      case 'choice':
        return { kind: 'choice', id: inbound.id, title: inbound.title };
      case 'location':
        return { kind: 'location', latitude: inbound.latitude, longitude: inbound.longitude, name: inbound.name, address: inbound.address };
      case 'media':
        if (inbound.caption && inbound.caption.trim()) return this.understood(inbound.caption, state, false);
        return { kind: 'media', mediaKind: inbound.mediaKind, mediaId: inbound.mediaId, caption: inbound.caption };
      case 'unsupported':
        return { kind: 'unsupported', what: inbound.what };
    }
  }

  private async understood(text: string, state: unknown, viaVoice: boolean): Promise<DialogEvent> {
    const understanding = await this.deps.nlu.understand(text, this.deps.dialog.expecting(state));
    return { kind: 'text', text, understanding, viaVoice };
  }
}

/**
 * A citizen who speaks is answered by voice too: the last reply (the question now asked) is also sent as a
 * voice note; the texts stay for reference. Channels without speech simply send the text.
 */
function withSpokenReply(replies: Reply[], language: Language | undefined): Reply[] {
  const last = replies.at(-1);
  if (!last || !language || last.kind === 'audio') return replies;
  return [...replies, { kind: 'audio', text: last.text.replace(/[*_~]/g, ''), language }];
}

/** An inbound event read back from the messages table. */
function revive(body: unknown): Inbound | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Inbound & { timestamp: string | Date };
  if (typeof b.channel !== 'string' || typeof b.userId !== 'string' || typeof b.messageId !== 'string') return undefined;
  const revived = { ...b, timestamp: new Date(b.timestamp) } as Inbound;
  if (revived.kind !== 'voice') return revived;
  const mimeType = (b as { audio?: { mimeType?: unknown } }).audio?.mimeType;
  const audio: AudioSource = {
    mimeType: typeof mimeType === 'string' ? mimeType : 'audio/ogg',
    fetch: () => Promise.reject(new Error('the audio of a voice note is not kept across a restart')),
  };
  return { ...revived, audio };
}

/** The inbound event as JSON for the messages table (audio is kept as a reference, never as bytes). */
function storable(inbound: Inbound): unknown {
  if (inbound.kind === 'voice') return { ...inbound, audio: { mimeType: inbound.audio.mimeType } };
  return inbound;
}
