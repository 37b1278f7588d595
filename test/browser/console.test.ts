/**
 * The linguists' console in a real browser: log in, try an utterance, assign a review item and see the
 * corpus file (a copy) change, open coverage and run the evaluation. Screenshots go to screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertedLines } from '../../src/console/corpus-write.js';
import { startConsoleApp, TOKEN, type ConsoleHarness } from '../console/harness.js';
import { hasChromium, launch, SCREENSHOTS } from './browser.js';

describe.skipIf(!hasChromium)('console in the browser', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), fullPage: true });

  beforeAll(async () => {
    [h, browser] = await Promise.all([startConsoleApp(), launch()]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('asks for a login, then lets the operator in', async () => {
    await page.goto(h.url('/console/review'));
    expect(page.url()).toContain('/console/login');
    await page.fill('#password', 'wrong token');
    await page.click('button:has-text("Log in")');
    await expect.poll(() => page.textContent('.flash.error')).toContain('Wrong username');
    await shot('login');
    await page.fill('#password', TOKEN);
    await page.click('button:has-text("Log in")');
    await page.waitForURL(/\/console\/review$/);
    expect(await page.textContent('header .user')).toBe('operator');
  });

  it('tries an utterance and shows language, top services with bars, and entities', async () => {
    await page.click('nav >> text=Try it');
    await page.fill('#text', 'ମୋତେ ଆୟ ପ୍ରମାଣପତ୍ର ଦରକାର, ପୁରୀ ଜିଲ୍ଲା');
    await page.click('button:has-text("Understand")');
    await page.waitForSelector('#result');
    expect(await page.textContent('#language')).toContain('or');
    const first = await page.textContent('#intents tr:nth-child(2)');
    expect(first).toContain('rdm.income_certificate');
    expect(await page.locator('#intents .bar').count()).toBe(5);
    expect(await page.textContent('#result')).toContain('district');
    await shot('try');
  });

  it('assigns a review item to a service found by search, and the corpus file gains one masked line', async () => {
    await h.app.store.recordUtterance('citizen-1', {
      text: 'my name is Ramesh Sahu, need aay proof for college form, call 9876543210',
      normalized: 'my name is ramesh sahu need aay proof for college form call 9876543210',
      language: 'en',
      predicted: 'rdm.income_certificate',
      confidence: 0.3,
      reason: 'unsure',
    });
    const file = join(h.intentsDir, 'nlu', 'rdm.yaml');
    const before = readFileSync(file, 'utf8');
    await page.click('nav >> text=Review queue');
    const row = page.locator('#queue tr', { hasText: 'need aay proof for college form' });
    expect(await row.textContent()).toContain('my name is XXXX');
    expect(await page.content()).not.toContain('9876543210');
    await shot('review');
    await row.locator('text=Assign…').click();
    await page.fill('#q', 'income');
    await page.click('button:has-text("Search")');
    await shot('assign');
    await page.click('button[data-service="rdm.income_certificate"]');
    await expect.poll(() => page.textContent('.flash.ok')).toContain('intents/nlu/rdm.yaml:');
    await shot('assigned');
    const after = readFileSync(file, 'utf8');
    const added = insertedLines(before, after);
    expect(added?.map((i) => after.split('\n')[i])).toEqual(['    - "my name is XXXX, need aay proof for college form, call XXXX"']);
    expect(await page.locator('#queue tr', { hasText: 'need aay proof for college form' }).count()).toBe(0);
  });

  it('shows coverage and the checks', async () => {
    await page.click('nav >> text=Coverage');
    await page.selectOption('select[name=dept]', 'rdm');
    await page.click('button:has-text("Filter")');
    expect(await page.textContent('#coverage')).toContain('rdm.income_certificate');
    await shot('coverage');
    await page.click('nav >> text=Checks');
    expect(await page.textContent('#verdict')).toContain('OK');
    await shot('checks');
  });

  it('runs the evaluation and shows accuracy, the heat map and F1 bars', async () => {
    await page.click('nav >> text=Evaluation');
    await page.click('button:has-text("Run the evaluation now")');
    await page.waitForSelector('#kpi-top1', { timeout: 60_000 });
    expect(await page.textContent('#kpi-top1')).toMatch(/\d+\.\d%/);
    expect(await page.locator('svg.heatmap rect').count()).toBeGreaterThan(4);
    expect(await page.locator('svg.bars rect').count()).toBe(40);
    await shot('evaluation');
    await page.click('nav >> text=Retrain');
    expect(await page.textContent('main')).toContain('corpus changed'); // the assignment above
    await shot('retrain');
  }, 90_000);
});
