/** A message recorded but not answered before a crash is answered after the restart, exactly once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyText, TestBot } from './helpers/bot.js';

describe('restart recovery', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.create();
  });
  afterAll(async () => bot?.close());

  it('answers messages left unprocessed by a crash, once', async () => {
    const inbound = { channel: 'test', userId: 'crash', messageId: 'lost-1', timestamp: bot.now, kind: 'text' as const, text: 'menu' };
    // The crash: the message was recorded, then the process died before its turn.
    await bot.store.touchCitizen('test:crash', 'test');
    await bot.store.recordInbound({ citizenId: 'test:crash', channel: 'test', channelMessageId: 'lost-1', kind: 'text', body: inbound });
    bot.restart();
    expect(await bot.pipeline.recover('test')).toBe(1);
    await bot.pipeline.drain();
    const out = await bot.store.outboundOf('test:crash');
    expect(out.length).toBeGreaterThan(0);
    expect(replyText(out.map((o) => o.body as never))).toMatch(/department/i);
    expect(await bot.pipeline.recover('test')).toBe(0);
    // A redelivery of the same message now is a duplicate.
    expect((await bot.pipeline.handle(inbound)).duplicate).toBe(true);
  });

  it('tells a citizen whose voice note was lost in a crash to send it again', async () => {
    await bot.send('spoke', 'i need a birth certificate');
    const before = (await bot.store.outboundOf('test:spoke')).length;
    const inbound = { channel: 'test', userId: 'spoke', messageId: 'lost-voice', timestamp: bot.now, kind: 'voice' as const, audio: { mimeType: 'audio/ogg' } };
    await bot.store.recordInbound({ citizenId: 'test:spoke', channel: 'test', channelMessageId: 'lost-voice', kind: 'voice', body: inbound });
    bot.restart();
    expect(await bot.pipeline.recover('test')).toBe(1);
    await bot.pipeline.drain();
    const out = (await bot.store.outboundOf('test:spoke')).slice(before);
    expect(replyText(out.map((o) => o.body as never))).toMatch(/voice note.*(try again|type your message)/i);
    expect(await bot.store.unprocessedInbound('test')).toEqual([]);
  });
});
