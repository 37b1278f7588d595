/**
 * Conversation scripts (test/conversations/*.yaml) run through the same pipeline the channels use.
 *
 * A script is a list of steps. A step does one thing — `send: text`, `tap: <button/row title or id>`,
 * `location: {latitude, longitude, name?}`, `restart: true` (new pipeline on the same database),
 * `wait_hours: n` (the clock moves) or `as: <user>` (switch citizen) — and then checks the replies:
 * `expect` (substrings that must appear, case-insensitive), `expect_not`, `choices` (button/row titles that
 * must be offered), `language` (en | or: the language the bot answered in), `reference: true` (a reference
 * number was given; it is remembered and `{ref}` in later steps stands for it), `applications: n` (how many
 * applications the citizen has). Set CONVERSATION_TRACE=1 to print every turn.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choicesOf, replyText, TestBot } from './helpers/bot.js';

const strings = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const stepSchema = z
  .object({
    send: z.coerce.string().optional(),
    tap: z.coerce.string().optional(),
    location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
    restart: z.literal(true).optional(),
    wait_hours: z.number().optional(),
    as: z.string().optional(),
    expect: strings.optional(),
    expect_not: strings.optional(),
    choices: strings.optional(),
    language: z.enum(['en', 'or']).optional(),
    reference: z.literal(true).optional(),
    applications: z.number().optional(),
  })
  .strict();
const scriptSchema = z.object({ name: z.string(), steps: z.array(stepSchema).min(1) }).strict();

const dir = process.env.CONVERSATIONS_DIR ?? 'test/conversations';
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const trace = process.env.CONVERSATION_TRACE === '1';

describe('conversation scripts', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.create();
  });
  afterAll(async () => bot?.close());

  it('has at least 40 scripts', () => {
    if (dir === 'test/conversations') expect(files.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of files) {
    const script = scriptSchema.parse(parse(readFileSync(join(dir, file), 'utf8')));
    it(`${file}: ${script.name}`, async () => {
      const main = `script-${file.replace(/\.yaml$/, '')}`;
      let user = main;
      let last: Awaited<ReturnType<TestBot['send']>> | undefined;
      let ref = '';
      const fill = (s: string) => s.replaceAll('{ref}', ref);
      for (const [index, step] of script.steps.entries()) {
        const where = `${file} step ${index + 1}`;
        if (step.as) user = step.as === 'main' ? main : `${main}-${step.as}`;
        if (step.wait_hours) bot.now = new Date(bot.now.getTime() + step.wait_hours * 3_600_000);
        if (step.restart) bot.restart();
        if (step.send !== undefined) last = await bot.send(user, fill(step.send));
        else if (step.tap !== undefined) {
          const wanted = fill(step.tap).toLowerCase();
          const offered = choicesOf(last?.replies ?? []);
          const choice = offered.find((c) => c.id.toLowerCase() === wanted) ?? offered.find((c) => c.title.toLowerCase() === wanted) ?? offered.find((c) => c.title.toLowerCase().startsWith(wanted));
          expect(choice, `${where}: no button or row "${step.tap}" among ${offered.map((c) => c.title).join(' | ')}`).toBeDefined();
          last = await bot.choose(user, choice!.id, choice!.title);
        } else if (step.location) {
          last = await bot.handle({ channel: 'test', userId: user, messageId: `loc-${Date.now()}-${index}`, timestamp: bot.now, kind: 'location', ...step.location });
        }
        const text = replyText(last?.replies ?? []);
        if (trace) console.log(`--- ${where} ${step.send ?? step.tap ?? ''}\n${text}\n[${choicesOf(last?.replies ?? []).map((c) => c.title).join(' | ')}]`);
        for (const e of step.expect ?? []) expect(text.toLowerCase(), `${where}: expected "${e}"`).toContain(fill(e).toLowerCase());
        for (const e of step.expect_not ?? []) expect(text.toLowerCase(), `${where}: did not expect "${e}"`).not.toContain(fill(e).toLowerCase());
        for (const c of step.choices ?? []) {
          const titles = choicesOf(last?.replies ?? []).map((x) => x.title.toLowerCase());
          expect(titles.some((t) => t.startsWith(c.toLowerCase())), `${where}: expected a choice "${c}" among ${titles.join(' | ')}`).toBe(true);
        }
        if (step.language) expect(last?.language, `${where}: reply language`).toBe(step.language);
        if (step.reference) {
          const match = /OD-[A-Z]+-\d{4}-[A-Z0-9]+/.exec(text);
          expect(match, `${where}: expected a reference number`).not.toBeNull();
          ref = match![0];
        }
        if (step.applications !== undefined) expect(await bot.store.applicationsOf(`test:${user}`), `${where}: applications`).toHaveLength(step.applications);
      }
    });
  }
});
