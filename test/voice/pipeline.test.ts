/**
 * A voice note as a normal turn: an English WhatsApp-style voice note (espeak-ng → OGG/Opus) goes through
 * the real audio module and the offline pocketsphinx recogniser into the pipeline, and answers the open
 * question; a silent note gets its own polite reply and the form stays where it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoice } from '../../src/voice/index.js';
import { choicesOf, replyText, TestBot } from '../helpers/bot.js';
import { config, missingTools, silentLog, silentNote, tempDir, tools, voiceNote } from './fixtures.js';

const skip = !tools.pocketsphinx ? 'pocketsphinx not installed' : missingTools.join(', ');
if (skip) console.warn(`voice pipeline test skipped: ${skip} (apt-get install ffmpeg espeak-ng pocketsphinx pocketsphinx-en-us)`);

describe.skipIf(Boolean(skip))('a voice note moves the conversation', () => {
  const tmp = tempDir();
  let bot: TestBot;
  const user = 'voice-citizen';
  const voiceMessage = (audio: Buffer, n: number) =>
    bot.handle({ channel: 'test', userId: user, messageId: `voice-${n}`, timestamp: bot.now, kind: 'voice', audio: { mimeType: 'audio/ogg; codecs=opus', fetch: async () => audio } });

  beforeAll(async () => {
    bot = await TestBot.create({ voice: createVoice(config(), silentLog).input });
  });
  afterAll(async () => {
    await bot?.close();
    tmp.cleanup();
  });

  it('answers the gender question from speech: the transcript is echoed and the form moves on', async () => {
    await bot.send(user, 'I need an income certificate');
    await bot.choose(user, 'apply:rdm.income_certificate');
    await bot.send(user, 'Sushree Das');
    await bot.send(user, 'Ramesh Das');
    const asked = await bot.send(user, '15/08/1990');
    expect(choicesOf(asked.replies).map((c) => c.id)).toContain('opt:gender:female');

    const heard = await voiceMessage(await voiceNote(tmp.dir, 'female', 'female', 'en'), 1);
    const text = replyText(heard.replies);
    expect(text).toContain('🎤');
    expect(text.toLowerCase()).toContain('female');
    // A confident answer to a choice is taken (sensitive or unsure values would be read back first).
    expect(text).toContain('mobile number');
    const state = (await bot.store.loadConversation(`test:${user}`))?.state as { form?: { values: Record<string, string> } };
    expect(state.form?.values['gender']).toBe('female');
  });

  it('answers a silent voice note politely and keeps the question', async () => {
    const silent = await voiceMessage(await silentNote(tmp.dir, 3), 2);
    const text = replyText(silent.replies);
    expect(text).toMatch(/couldn.t hear anything/i);
    expect(text).toContain('mobile number');
  });
});
