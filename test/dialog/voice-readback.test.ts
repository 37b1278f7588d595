/**
 * Voice transcripts that fill sensitive fields, or that the recogniser is unsure of, are read back and
 * need a "yes" before they are kept; a "no" asks again. (The recogniser is a stand-in here; the real one
 * is tested in test/voice/pipeline.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceInput } from '../../src/voice/types.js';
import { choicesOf, replyText, TestBot } from '../helpers/bot.js';

describe('voice read-back', () => {
  let bot: TestBot;
  let next = { text: '', confidence: 1 };
  const heard: VoiceInput = { transcribe: async () => ({ ok: true, text: next.text, language: 'en', confidence: next.confidence }) };
  const speak = (user: string, text: string, confidence: number, n: number) => {
    next = { text, confidence };
    return bot.handle({ channel: 'test', userId: user, messageId: `v${n}-${user}`, timestamp: bot.now, kind: 'voice', audio: { mimeType: 'audio/ogg', fetch: async () => Buffer.alloc(10) } });
  };

  beforeAll(async () => {
    bot = await TestBot.create({ voice: heard });
  });
  afterAll(async () => bot?.close());

  it('reads back a spoken mobile number and keeps it only after yes', async () => {
    const user = 'rb1';
    await bot.send(user, 'I need an income certificate');
    await bot.choose(user, 'apply:rdm.income_certificate');
    for (const answer of ['Sushree Das', 'Ramesh Das', '15/08/1990']) await bot.send(user, answer);
    await bot.choose(user, 'opt:gender:female');
    const spoken = await speak(user, 'nine eight seven six five four three two one zero 9876543210', 0.95, 1);
    expect(replyText(spoken.replies)).toContain('9876543210');
    expect(choicesOf(spoken.replies).map((c) => c.id)).toEqual(['yes', 'no']);
    const no = await bot.choose(user, 'no');
    expect(replyText(no.replies)).toMatch(/say it again|mobile number/i);
    await speak(user, '9437012345', 0.95, 2);
    const yes = await bot.choose(user, 'yes');
    expect(replyText(yes.replies)).toContain('Aadhaar');
    const state = (await bot.store.loadConversation(`test:${user}`))?.state as { form: { values: Record<string, string> } };
    expect(state.form.values['mobile']).toBe('9437012345');
  });

  it('answers voice with voice too, until the citizen asks for text only', async () => {
    const first = await speak('rb3', 'menu', 0.95, 4);
    expect(first.replies.at(-1)?.kind).toBe('audio');
    const off = await bot.send('rb3', 'text only');
    expect(replyText(off.replies)).toMatch(/text only/i);
    const second = await speak('rb3', 'menu', 0.95, 5);
    expect(second.replies.some((r) => r.kind === 'audio')).toBe(false);
    await bot.send('rb3', 'voice on');
    const third = await speak('rb3', 'menu', 0.95, 6);
    expect(third.replies.at(-1)?.kind).toBe('audio');
  });

  it('treats an unsure transcript of a request as a guess ("did you mean …?")', async () => {
    const reply = await speak('rb2', 'i need income certificate', 0.5, 3);
    const text = replyText(reply.replies);
    expect(text).toContain('Did you mean');
    expect(text).toContain('Income certificate');
  });
});
