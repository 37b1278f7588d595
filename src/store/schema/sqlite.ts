/** SQLite tables. Keep in step with ./pg.ts: same tables, columns and types (the repository uses both). */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

const ts = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const citizens = sqliteTable('citizens', {
  id: text('id').primaryKey(),
  channel: text('channel').notNull(),
  language: text('language'),
  voiceReplies: integer('voice_replies', { mode: 'boolean' }).notNull().default(false),
  firstSeen: ts('first_seen').notNull(),
  lastSeen: ts('last_seen').notNull(),
});

export const conversations = sqliteTable('conversations', {
  citizenId: text('citizen_id').primaryKey(),
  state: text('state', { mode: 'json' }).notNull(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    citizenId: text('citizen_id').notNull(),
    direction: text('direction').notNull(),
    channel: text('channel').notNull(),
    channelMessageId: text('channel_message_id'),
    kind: text('kind').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    errorCode: integer('error_code'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    sentAt: ts('sent_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('messages_channel_message_id').on(t.channel, t.channelMessageId),
    index('messages_outbox').on(t.direction, t.status),
    index('messages_citizen').on(t.citizenId),
  ],
);

export const applications = sqliteTable(
  'applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reference: text('reference').notNull(),
    citizenId: text('citizen_id').notNull(),
    serviceId: text('service_id').notNull(),
    fields: text('fields', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    history: text('history', { mode: 'json' }).notNull(),
    dueDate: text('due_date'),
    officer: text('officer'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('applications_reference').on(t.reference), index('applications_citizen').on(t.citizenId)],
);

export const utterances = sqliteTable(
  'utterances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    citizenId: text('citizen_id'),
    text: text('text').notNull(),
    normalized: text('normalized').notNull(),
    language: text('language'),
    predicted: text('predicted'),
    confidence: integer('confidence_pct'),
    reason: text('reason').notNull(),
    resolution: text('resolution'),
    assignedIntent: text('assigned_intent'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('utterances_open').on(t.resolution, t.normalized)],
);

export const consoleUsers = sqliteTable('console_users', {
  username: text('username').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  createdAt: ts('created_at').notNull(),
});
