/** PostgreSQL tables. Keep in step with ./sqlite.ts: same tables, columns and types (the repository uses both). */
import { pgTable, text, integer, serial, boolean, jsonb, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const citizens = pgTable('citizens', {
  id: text('id').primaryKey(),
  channel: text('channel').notNull(),
  language: text('language'),
  voiceReplies: boolean('voice_replies').notNull().default(false),
  firstSeen: ts('first_seen').notNull(),
  lastSeen: ts('last_seen').notNull(),
});

export const conversations = pgTable('conversations', {
  citizenId: text('citizen_id').primaryKey(),
  state: jsonb('state').notNull(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    citizenId: text('citizen_id').notNull(),
    direction: text('direction').notNull(),
    channel: text('channel').notNull(),
    channelMessageId: text('channel_message_id'),
    kind: text('kind').notNull(),
    body: jsonb('body').notNull(),
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

export const applications = pgTable(
  'applications',
  {
    id: serial('id').primaryKey(),
    reference: text('reference').notNull(),
    citizenId: text('citizen_id').notNull(),
    serviceId: text('service_id').notNull(),
    fields: jsonb('fields').notNull(),
    status: text('status').notNull(),
    history: jsonb('history').notNull(),
    dueDate: text('due_date'),
    officer: text('officer'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('applications_reference').on(t.reference), index('applications_citizen').on(t.citizenId)],
);

export const utterances = pgTable(
  'utterances',
  {
    id: serial('id').primaryKey(),
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

export const consoleUsers = pgTable('console_users', {
  username: text('username').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  createdAt: ts('created_at').notNull(),
});
