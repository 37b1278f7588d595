import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/index.js';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers/databases.js';

const backends: [string, () => Promise<TestDatabase>][] = [
  ['SQLite', async () => sqliteDatabase()],
  ['PostgreSQL', postgresDatabase],
];

describe.each(backends)('store on %s', (_name, make) => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await make();
    store = await openStore(db.database);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('creates a citizen on first contact and remembers the language', async () => {
    const first = await store.touchCitizen('test:c1', 'test');
    expect(first.isNew).toBe(true);
    const again = await store.touchCitizen('test:c1', 'test');
    expect(again.isNew).toBe(false);
    await store.setCitizenPreferences('test:c1', { language: 'or' });
    expect((await store.citizen('test:c1'))?.language).toBe('or');
  });

  it('records a redelivered inbound message only once', async () => {
    await store.touchCitizen('test:c2', 'test');
    const input = { citizenId: 'test:c2', channel: 'test', channelMessageId: 'wamid.1', kind: 'text', body: { text: 'hi' } };
    expect(await store.recordInbound(input)).toBe(true);
    expect(await store.recordInbound(input)).toBe(false);
    expect(await store.recordInbound({ ...input, channel: 'other' })).toBe(true);
    expect(await store.countMessages('test:c2', 'in')).toBe(2);
  });

  it('commits a turn atomically and refuses a stale version', async () => {
    await store.touchCitizen('test:c3', 'test');
    const turn = {
      citizenId: 'test:c3',
      expectedVersion: 0,
      state: { step: 1 },
      outbound: [{ channel: 'test', kind: 'text', body: { kind: 'text', text: 'hello' } }],
      applications: [],
      utterances: [],
    };
    const ok = await store.commitTurn(turn);
    expect(ok.ok).toBe(true);
    expect(await store.loadConversation('test:c3')).toEqual({ state: { step: 1 }, version: 1 });
    // A second writer that read version 0 loses, and writes nothing at all.
    const stale = await store.commitTurn({ ...turn, state: { step: 99 } });
    expect(stale).toEqual({ ok: false, reason: 'conflict' });
    expect((await store.loadConversation('test:c3'))?.state).toEqual({ step: 1 });
    expect(await store.countMessages('test:c3', 'out')).toBe(1);
  });

  it('stores applications and shows a citizen only their own', async () => {
    await store.touchCitizen('test:a', 'test');
    await store.touchCitizen('test:b', 'test');
    const result = await store.commitTurn({
      citizenId: 'test:a',
      expectedVersion: 0,
      state: {},
      outbound: [],
      applications: [{ reference: 'OD-RDM-2026-ABC234', serviceId: 'rdm.income_certificate', fields: { applicant_name: 'Sushree Das' }, dueDate: '2026-12-11', officer: 'Tahasildar' }],
      utterances: [],
    });
    expect(result.ok).toBe(true);
    const mine = await store.applicationsOf('test:a');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ reference: 'OD-RDM-2026-ABC234', status: 'submitted', dueDate: '2026-12-11', fields: { applicant_name: 'Sushree Das' } });
    expect(mine[0]!.history[0]!.status).toBe('submitted');
    expect(await store.applicationFor('test:b', 'OD-RDM-2026-ABC234')).toBeUndefined();
    expect(await store.applicationsOf('test:b')).toEqual([]);
  });

  it('runs the outbox: claim once, mark sent, apply delivery statuses without downgrading', async () => {
    await store.touchCitizen('test:o', 'test');
    const msg = await store.enqueueOutbound('test:o', { channel: 'wa', kind: 'text', body: { text: 'x' } });
    expect((await store.dueOutbound('wa')).map((m) => m.id)).toContain(msg.id);
    expect(await store.claimOutbound(msg.id)).toBe(true);
    expect(await store.claimOutbound(msg.id)).toBe(false);
    await store.markSent(msg.id, 'wamid.out1');
    expect((await store.dueOutbound('wa')).map((m) => m.id)).not.toContain(msg.id);
    expect(await store.applyDeliveryStatus('wa', 'wamid.out1', 'read')).toBe(true);
    await store.applyDeliveryStatus('wa', 'wamid.out1', 'delivered');
    expect((await store.outboundByChannelId('wa', 'wamid.out1'))?.status).toBe('read');
  });

  it('deletes drafts idle longer than the retention period, with their personal data', async () => {
    await store.touchCitizen('test:idle', 'test');
    const old = new Date('2026-01-01T00:00:00Z');
    await store.commitTurn({ citizenId: 'test:idle', expectedVersion: 0, state: { form: { values: { aadhaar: '499118665246' } } }, outbound: [], applications: [], utterances: [] }, old);
    await store.touchCitizen('test:fresh', 'test');
    await store.commitTurn({ citizenId: 'test:fresh', expectedVersion: 0, state: { form: {} }, outbound: [], applications: [], utterances: [] });
    expect(await store.deleteIdleConversations(new Date('2026-02-01T00:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await store.loadConversation('test:idle')).toBeUndefined();
    expect(await store.loadConversation('test:fresh')).toBeDefined();
  });

  it('groups utterances for the review queue and resolves them', async () => {
    const u = { text: 'cricket score?', normalized: 'cricket score', language: 'en', predicted: null, confidence: null, reason: 'none' as const };
    await store.recordUtterance(null, u);
    await store.recordUtterance(null, { ...u, text: 'Cricket score' });
    const groups = await store.openUtteranceGroups();
    expect(groups.find((g) => g.normalized === 'cricket score')?.count).toBe(2);
    expect(await store.resolveUtterances('cricket score', 'out_of_scope')).toBe(2);
    expect((await store.openUtteranceGroups()).find((g) => g.normalized === 'cricket score')).toBeUndefined();
  });
});
