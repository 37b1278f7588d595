/**
 * The store: everything the bot keeps, behind one small interface that is the same on SQLite and PostgreSQL.
 */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Connection, Db } from './db.js';

export interface CitizenRecord {
  id: string;
  channel: string;
  language: 'en' | 'or' | null;
  voiceReplies: boolean;
  firstSeen: Date;
  lastSeen: Date;
}

export interface OutboundInput {
  channel: string;
  kind: string;
  body: unknown;
}

export interface OutboundMessage extends OutboundInput {
  id: number;
  citizenId: string;
  status: string;
  attempts: number;
  channelMessageId: string | null;
}

export interface ApplicationInput {
  /** Made by the dialog (see dialog/reference.ts), unique by construction and by index. */
  reference: string;
  serviceId: string;
  fields: Record<string, string>;
  dueDate: string | null;
  officer: string | null;
}

export interface ApplicationRecord {
  reference: string;
  citizenId: string;
  serviceId: string;
  fields: Record<string, string>;
  status: string;
  history: { status: string; at: string }[];
  dueDate: string | null;
  officer: string | null;
  createdAt: Date;
}

export interface UtteranceInput {
  text: string;
  normalized: string;
  language: string | null;
  predicted: string | null;
  confidence: number | null;
  reason: 'none' | 'unsure' | 'corrected';
}

export interface UtteranceGroup {
  normalized: string;
  example: string;
  count: number;
  lastSeen: Date;
  language: string | null;
  predicted: string | null;
  reason: string;
}

/** Everything one conversational turn changes, written in one transaction. */
export interface TurnCommit {
  citizenId: string;
  /** The version read with the state; the commit fails if someone else wrote in between. */
  expectedVersion: number;
  state: unknown;
  outbound: OutboundInput[];
  applications: ApplicationInput[];
  utterances: UtteranceInput[];
  /** Inbound message to mark processed, in the same transaction. */
  inbound?: { channel: string; channelMessageId: string };
}

export type TurnResult =
  | { ok: true; outbound: OutboundMessage[]; references: string[]; version: number }
  | { ok: false; reason: 'conflict' };

export type OutboundStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

const statusRank: Record<string, number> = { pending: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

export class Store {
  constructor(private readonly conn: Connection) {}

  get kind() {
    return this.conn.kind;
  }

  private get t() {
    return this.conn.tables;
  }

  private run<T>(work: (db: Db) => Promise<T>, transaction = false) {
    return this.conn.run(work, { transaction });
  }

  /** Record that a citizen wrote; creates the citizen on first contact. */
  async touchCitizen(id: string, channel: string, now = new Date()): Promise<CitizenRecord & { isNew: boolean }> {
    return this.run(async (db) => {
      const inserted = await db
        .insert(this.t.citizens)
        .values({ id, channel, firstSeen: now, lastSeen: now })
        .onConflictDoNothing()
        .returning();
      if (inserted[0]) return { ...(inserted[0] as CitizenRecord), isNew: true };
      const updated = await db.update(this.t.citizens).set({ lastSeen: now }).where(eq(this.t.citizens.id, id)).returning();
      return { ...(updated[0] as CitizenRecord), isNew: false };
    });
  }

  async citizen(id: string): Promise<CitizenRecord | undefined> {
    return this.run(async (db) => {
      const rows = await db.select().from(this.t.citizens).where(eq(this.t.citizens.id, id));
      return rows[0] as CitizenRecord | undefined;
    });
  }

  async setCitizenPreferences(id: string, prefs: { language?: 'en' | 'or'; voiceReplies?: boolean }): Promise<void> {
    await this.run((db) => db.update(this.t.citizens).set(prefs).where(eq(this.t.citizens.id, id)));
  }

  /**
   * Record an inbound message once. Returns false when this channel message id was seen before, so a
   * redelivered webhook is not processed twice.
   */
  async recordInbound(input: {
    citizenId: string;
    channel: string;
    channelMessageId: string;
    kind: string;
    body: unknown;
    at?: Date;
  }): Promise<boolean> {
    const now = input.at ?? new Date();
    return this.run(async (db) => {
      const rows = await db
        .insert(this.t.messages)
        .values({
          citizenId: input.citizenId,
          direction: 'in',
          channel: input.channel,
          channelMessageId: input.channelMessageId,
          kind: input.kind,
          body: input.body,
          status: 'received',
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: this.t.messages.id });
      return rows.length > 0;
    });
  }

  /** Inbound messages recorded but not yet processed (a crash between receipt and reply). */
  async unprocessedInbound(channel: string): Promise<{ citizenId: string; channelMessageId: string; body: unknown }[]> {
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(this.t.messages)
        .where(and(eq(this.t.messages.direction, 'in'), eq(this.t.messages.channel, channel), eq(this.t.messages.status, 'received')))
        .orderBy(asc(this.t.messages.id));
      return rows.map((r) => ({ citizenId: r.citizenId, channelMessageId: r.channelMessageId ?? '', body: r.body }));
    });
  }

  async markInbound(channel: string, channelMessageId: string, status: 'processed' | 'failed'): Promise<void> {
    await this.run((db) =>
      db
        .update(this.t.messages)
        .set({ status, updatedAt: new Date() })
        .where(and(eq(this.t.messages.channel, channel), eq(this.t.messages.channelMessageId, channelMessageId), eq(this.t.messages.direction, 'in'))),
    );
  }

  async loadConversation(citizenId: string): Promise<{ state: unknown; version: number } | undefined> {
    return this.run(async (db) => {
      const rows = await db.select().from(this.t.conversations).where(eq(this.t.conversations.citizenId, citizenId));
      const row = rows[0];
      return row ? { state: row.state, version: row.version } : undefined;
    });
  }

  /** Save a turn: new state (optimistically versioned), replies into the outbox, applications, utterances. */
  async commitTurn(turn: TurnCommit, now = new Date()): Promise<TurnResult> {
    const t = this.t;
    try {
      return await this.run(async (db) => {
        const version = turn.expectedVersion + 1;
        const saved =
          turn.expectedVersion === 0
            ? await db
                .insert(t.conversations)
                .values({ citizenId: turn.citizenId, state: turn.state, version, updatedAt: now })
                .onConflictDoNothing()
                .returning({ v: t.conversations.version })
            : await db
                .update(t.conversations)
                .set({ state: turn.state, version, updatedAt: now })
                .where(and(eq(t.conversations.citizenId, turn.citizenId), eq(t.conversations.version, turn.expectedVersion)))
                .returning({ v: t.conversations.version });
        if (saved.length === 0) throw new ConflictSignal();

        const references: string[] = [];
        for (const app of turn.applications) {
          await db
            .insert(t.applications)
            .values({
              reference: app.reference,
              citizenId: turn.citizenId,
              serviceId: app.serviceId,
              fields: app.fields,
              status: 'submitted',
              history: [{ status: 'submitted', at: now.toISOString() }],
              dueDate: app.dueDate,
              officer: app.officer,
              createdAt: now,
              updatedAt: now,
            });
          references.push(app.reference);
        }

        for (const u of turn.utterances) await db.insert(t.utterances).values(utteranceRow(turn.citizenId, u, now));

        const outbound: OutboundMessage[] = [];
        for (const o of turn.outbound) outbound.push(await this.insertOutbound(db, turn.citizenId, o, now));

        if (turn.inbound) {
          await db
            .update(t.messages)
            .set({ status: 'processed', updatedAt: now })
            .where(and(eq(t.messages.channel, turn.inbound.channel), eq(t.messages.channelMessageId, turn.inbound.channelMessageId), eq(t.messages.direction, 'in')));
        }
        return { ok: true as const, outbound, references, version };
      }, true);
    } catch (error) {
      if (error instanceof ConflictSignal) return { ok: false, reason: 'conflict' };
      throw error;
    }
  }

  /** Queue one reply outside a turn (e.g. the apology when a turn failed). */
  async enqueueOutbound(citizenId: string, message: OutboundInput, now = new Date()): Promise<OutboundMessage> {
    return this.run((db) => this.insertOutbound(db, citizenId, message, now));
  }

  private async insertOutbound(db: Db, citizenId: string, o: OutboundInput, now: Date): Promise<OutboundMessage> {
    const [row] = await db
      .insert(this.t.messages)
      .values({ citizenId, direction: 'out', channel: o.channel, kind: o.kind, body: o.body, status: 'pending', createdAt: now, updatedAt: now })
      .returning();
    return toOutbound(row!);
  }

  /** Outbound messages due to be sent (pending, or failed transiently with a retry time that has come). */
  async dueOutbound(channel: string, now = new Date(), limit = 100): Promise<OutboundMessage[]> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.messages)
        .where(
          and(
            eq(t.messages.direction, 'out'),
            eq(t.messages.channel, channel),
            or(
              and(eq(t.messages.status, 'pending'), or(isNull(t.messages.nextAttemptAt), lte(t.messages.nextAttemptAt, now))),
              eq(t.messages.status, 'sending'),
            ),
          ),
        )
        .orderBy(asc(t.messages.id))
        .limit(limit);
      return rows.map(toOutbound);
    });
  }

  /**
   * Every outbound message of a channel not yet handed over (pending, also those waiting for a retry time,
   * or sending), oldest first, with its retry time: a sender keeps each citizen's replies in order with it.
   */
  async unsentOutbound(channel: string, limit = 500): Promise<(OutboundMessage & { nextAttemptAt: Date | null })[]> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.messages)
        .where(and(eq(t.messages.direction, 'out'), eq(t.messages.channel, channel), inArray(t.messages.status, ['pending', 'sending'])))
        .orderBy(asc(t.messages.id))
        .limit(limit);
      return rows.map((r) => ({ ...toOutbound(r), nextAttemptAt: r.nextAttemptAt }));
    });
  }

  /**
   * Claim a message for sending: only one sender can move it from pending to sending, so a reply is never
   * sent twice by two workers.
   */
  async claimOutbound(id: number, now = new Date()): Promise<boolean> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .update(t.messages)
        .set({ status: 'sending', attempts: sql`${t.messages.attempts} + 1`, updatedAt: now })
        .where(and(eq(t.messages.id, id), eq(t.messages.status, 'pending')))
        .returning({ id: t.messages.id });
      return rows.length > 0;
    });
  }

  /** After a crash, messages left in 'sending' were never confirmed: put them back in the queue. */
  async requeueInterrupted(channel: string): Promise<number> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .update(t.messages)
        .set({ status: 'pending', updatedAt: new Date() })
        .where(and(eq(t.messages.direction, 'out'), eq(t.messages.channel, channel), eq(t.messages.status, 'sending')))
        .returning({ id: t.messages.id });
      return rows.length;
    });
  }

  async markSent(id: number, channelMessageId: string | null, now = new Date()): Promise<void> {
    await this.run((db) =>
      db
        .update(this.t.messages)
        .set({ status: 'sent', channelMessageId, sentAt: now, updatedAt: now, errorCode: null })
        .where(eq(this.t.messages.id, id)),
    );
  }

  async markRetry(id: number, errorCode: number | null, retryAt: Date): Promise<void> {
    await this.run((db) =>
      db
        .update(this.t.messages)
        .set({ status: 'pending', errorCode, nextAttemptAt: retryAt, updatedAt: new Date() })
        .where(eq(this.t.messages.id, id)),
    );
  }

  async markFailed(id: number, errorCode: number | null): Promise<void> {
    await this.run((db) =>
      db.update(this.t.messages).set({ status: 'failed', errorCode, updatedAt: new Date() }).where(eq(this.t.messages.id, id)),
    );
  }

  /**
   * A delivery status from the channel (sent/delivered/read/failed). Statuses arrive out of order: a later
   * stage is never overwritten by an earlier one, and failed always wins.
   */
  async applyDeliveryStatus(channel: string, channelMessageId: string, status: OutboundStatus, errorCode?: number): Promise<boolean> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select({ id: t.messages.id, status: t.messages.status })
        .from(t.messages)
        .where(and(eq(t.messages.channel, channel), eq(t.messages.channelMessageId, channelMessageId), eq(t.messages.direction, 'out')));
      const row = rows[0];
      if (!row) return false;
      if ((statusRank[status] ?? 0) <= (statusRank[row.status] ?? 0)) return true;
      await db
        .update(t.messages)
        .set({ status, errorCode: errorCode ?? null, updatedAt: new Date() })
        .where(eq(t.messages.id, row.id));
      return true;
    });
  }

  async outboundByChannelId(channel: string, channelMessageId: string): Promise<OutboundMessage | undefined> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.messages)
        .where(and(eq(t.messages.channel, channel), eq(t.messages.channelMessageId, channelMessageId), eq(t.messages.direction, 'out')));
      return rows[0] ? { ...toOutbound(rows[0]), errorCode: rows[0].errorCode } : undefined;
    });
  }

  async outboundOf(citizenId: string): Promise<(OutboundMessage & { errorCode: number | null })[]> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.messages)
        .where(and(eq(t.messages.citizenId, citizenId), eq(t.messages.direction, 'out')))
        .orderBy(asc(t.messages.id));
      return rows.map((r) => ({ ...toOutbound(r), errorCode: r.errorCode }));
    });
  }

  async applicationsOf(citizenId: string, limit = 10): Promise<ApplicationRecord[]> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.applications)
        .where(eq(t.applications.citizenId, citizenId))
        .orderBy(desc(t.applications.id))
        .limit(limit);
      return rows.map(toApplication);
    });
  }

  /** An application by reference, only if it belongs to this citizen: nobody sees another's applications. */
  async applicationFor(citizenId: string, reference: string): Promise<ApplicationRecord | undefined> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.applications)
        .where(and(eq(t.applications.reference, reference.toUpperCase()), eq(t.applications.citizenId, citizenId)));
      return rows[0] ? toApplication(rows[0]) : undefined;
    });
  }

  /** Delete conversations idle since `before` (abandoned drafts, with the personal data in them). */
  async deleteIdleConversations(before: Date): Promise<number> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .delete(t.conversations)
        .where(lte(t.conversations.updatedAt, before))
        .returning({ id: t.conversations.citizenId });
      return rows.length;
    });
  }

  // ---- the linguists' review queue ----

  /** Open utterances grouped by their normalised text, newest first. */
  async openUtteranceGroups(limit = 200): Promise<UtteranceGroup[]> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select()
        .from(t.utterances)
        .where(isNull(t.utterances.resolution))
        .orderBy(desc(t.utterances.id))
        .limit(5000);
      const groups = new Map<string, UtteranceGroup>();
      for (const r of rows) {
        const g = groups.get(r.normalized);
        if (g) g.count += 1;
        else
          groups.set(r.normalized, {
            normalized: r.normalized,
            example: r.text,
            count: 1,
            lastSeen: r.createdAt,
            language: r.language,
            predicted: r.predicted,
            reason: r.reason,
          });
      }
      return [...groups.values()].slice(0, limit);
    });
  }

  async resolveUtterances(normalized: string, resolution: 'assigned' | 'out_of_scope' | 'dismissed', assignedIntent?: string): Promise<number> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .update(t.utterances)
        .set({ resolution, assignedIntent: assignedIntent ?? null })
        .where(and(eq(t.utterances.normalized, normalized), isNull(t.utterances.resolution)))
        .returning({ id: t.utterances.id });
      return rows.length;
    });
  }

  async recordUtterance(citizenId: string | null, u: UtteranceInput, now = new Date()): Promise<void> {
    await this.run((db) => db.insert(this.t.utterances).values(utteranceRow(citizenId, u, now)));
  }

  // ---- console accounts ----

  async consoleUser(username: string): Promise<{ username: string; passwordHash: string } | undefined> {
    return this.run(async (db) => {
      const rows = await db.select().from(this.t.consoleUsers).where(eq(this.t.consoleUsers.username, username));
      return rows[0];
    });
  }

  async upsertConsoleUser(username: string, passwordHash: string): Promise<void> {
    await this.run((db) =>
      db
        .insert(this.t.consoleUsers)
        .values({ username, passwordHash, createdAt: new Date() })
        .onConflictDoUpdate({ target: this.t.consoleUsers.username, set: { passwordHash } }),
    );
  }

  async ping(): Promise<void> {
    await this.run((db) => db.select({ one: sql<number>`1` }).from(this.t.citizens).limit(1));
  }

  async countMessages(citizenId: string, direction: 'in' | 'out'): Promise<number> {
    const t = this.t;
    return this.run(async (db) => {
      const rows = await db
        .select({ id: t.messages.id })
        .from(t.messages)
        .where(and(eq(t.messages.citizenId, citizenId), inArray(t.messages.direction, [direction])));
      return rows.length;
    });
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

class ConflictSignal extends Error {}

type MessageRow = {
  id: number;
  citizenId: string;
  channel: string;
  kind: string;
  body: unknown;
  status: string;
  attempts: number;
  channelMessageId: string | null;
};

function toOutbound(r: MessageRow): OutboundMessage {
  return {
    id: r.id,
    citizenId: r.citizenId,
    channel: r.channel,
    kind: r.kind,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    channelMessageId: r.channelMessageId,
  };
}

function toApplication(r: {
  reference: string;
  citizenId: string;
  serviceId: string;
  fields: unknown;
  status: string;
  history: unknown;
  dueDate: string | null;
  officer: string | null;
  createdAt: Date;
}): ApplicationRecord {
  return {
    reference: r.reference,
    citizenId: r.citizenId,
    serviceId: r.serviceId,
    fields: r.fields as Record<string, string>,
    status: r.status,
    history: r.history as { status: string; at: string }[],
    dueDate: r.dueDate,
    officer: r.officer,
    createdAt: r.createdAt,
  };
}

/** An utterance as stored: confidence in whole percent (an integer column on both databases). */
function utteranceRow(citizenId: string | null, u: UtteranceInput, now: Date) {
  return {
    citizenId,
    text: u.text,
    normalized: u.normalized,
    language: u.language,
    predicted: u.predicted,
    confidence: u.confidence === null ? null : Math.round(u.confidence * 100),
    reason: u.reason,
    createdAt: now,
  };
}
