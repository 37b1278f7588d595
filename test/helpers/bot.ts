/**
 * A bot for tests: the real catalog, locales, trained model, dialog and pipeline over a real SQLite (or
 * PostgreSQL) store, driven like a channel would drive it. `restart()` builds a fresh pipeline on the same
 * database, as a process restart would.
 */
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/types.js';
import type { Inbound, Reply } from '../../src/core.js';
import { DialogEngine } from '../../src/dialog/engine.js';
import { newReference } from '../../src/dialog/reference.js';
import { loadLocales, type Translator } from '../../src/i18n/index.js';
import { createLogger } from '../../src/log.js';
import type { NluService } from '../../src/nlu/index.js';
import { loadOrTrain } from '../../src/nlu/model.js';
import { Pipeline, type HandleResult } from '../../src/pipeline.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { VoiceInput } from '../../src/voice/types.js';
import { sqliteDatabase, type TestDatabase } from './databases.js';

let shared: Promise<{ catalog: Catalog; i18n: Translator; nlu: NluService }> | undefined;

/** Catalog, locales and model, loaded once per test file. */
export function loadBotParts() {
  shared ??= (async () => {
    const catalog = loadCatalog('intents');
    const i18n = loadLocales('locales');
    const model = await loadOrTrain({ intentsDir: 'intents', modelDir: 'models', catalog });
    return { catalog, i18n, nlu: model.nlu };
  })();
  return shared;
}

export class TestBot {
  pipeline!: Pipeline;
  now = new Date('2026-11-20T10:00:00Z');
  private counter = 0;

  private constructor(
    readonly store: Store,
    readonly db: TestDatabase,
    readonly parts: Awaited<ReturnType<typeof loadBotParts>>,
    private readonly voice?: VoiceInput,
  ) {
    this.restart();
  }

  static async create(opts: { db?: TestDatabase; voice?: VoiceInput } = {}): Promise<TestBot> {
    const parts = await loadBotParts();
    const db = opts.db ?? sqliteDatabase();
    const store = await openStore(db.database);
    return new TestBot(store, db, parts, opts.voice);
  }

  /** A new pipeline on the same database: what a process restart does. */
  restart(): void {
    this.pipeline = new Pipeline({
      store: this.store,
      nlu: this.parts.nlu,
      parser: this.parts.nlu.entities,
      dialog: new DialogEngine(this.parts.catalog),
      catalog: this.parts.catalog,
      i18n: this.parts.i18n,
      log: createLogger('silent'),
      voice: this.voice,
      spokenReplies: true,
      newReference: (id) => newReference(id, this.now),
      resumeAfterMs: 24 * 3_600_000,
      now: () => this.now,
    });
  }

  private base(userId: string) {
    this.counter += 1;
    return { channel: 'test', userId, messageId: `m${this.counter}-${Date.now()}`, timestamp: this.now };
  }

  send(userId: string, text: string): Promise<HandleResult> {
    return this.handle({ ...this.base(userId), kind: 'text', text });
  }

  choose(userId: string, id: string, title = id): Promise<HandleResult> {
    return this.handle({ ...this.base(userId), kind: 'choice', id, title });
  }

  handle(inbound: Inbound): Promise<HandleResult> {
    return this.pipeline.handle(inbound);
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.db.drop();
  }
}

/** Every piece of text in replies, including button and row titles. */
export function replyText(replies: Reply[]): string {
  return replies
    .map((r) => {
      if (r.kind === 'buttons') return [r.text, ...r.buttons.map((b) => b.title)].join('\n');
      if (r.kind === 'list') return [r.text, r.button, ...r.sections.flatMap((s) => s.rows.flatMap((row) => [row.title, row.description ?? '']))].join('\n');
      return r.text;
    })
    .join('\n');
}

/** The choices offered by replies (buttons and list rows). */
export function choicesOf(replies: Reply[]): { id: string; title: string; description?: string }[] {
  return replies.flatMap((r) => (r.kind === 'buttons' ? r.buttons : r.kind === 'list' ? r.sections.flatMap((s) => s.rows) : []));
}
