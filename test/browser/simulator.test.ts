/**
 * The web simulator in a real browser: a citizen asks in their own words, taps Apply, answers four
 * questions in the input box, taps Confirm and gets a reference number; lists open as a sheet; the
 * language switch changes the replies. Screenshots go to screenshots/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleHarness } from '../console/harness.js';
import { hasChromium, launch, SCREENSHOTS } from './browser.js';

describe.skipIf(!hasChromium)('simulator in the browser', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `simulator-${name}.png`) });
  const lastIncoming = () => page.locator('.bubble.in').last();
  const type = async (text: string) => {
    const before = await page.locator('.bubble.in').count();
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
    await expect.poll(() => page.locator('.bubble.in').count()).toBeGreaterThan(before);
  };
  const tap = async (title: string) => {
    const before = await page.locator('.bubble.in').count();
    await page.locator('.bubble.in .actions button', { hasText: title }).last().click();
    await expect.poll(() => page.locator('.bubble.in').count()).toBeGreaterThan(before);
  };

  beforeAll(async () => {
    [h, browser] = await Promise.all([startConsoleApp(), launch()]);
    page = await browser.newPage({ viewport: { width: 480, height: 860 } });
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('completes a short application by typing and tapping buttons, and shows the reference', async () => {
    await page.goto(h.url('/'));
    await type('power cut in our street since morning, no electricity');
    expect(await lastIncoming().textContent()).toContain('Power supply failure');
    await shot('service-card');
    await tap('Apply');
    expect(await lastIncoming().textContent()).toMatch(/consumer number/i);
    await type('CN4455667');
    expect(await lastIncoming().textContent()).toMatch(/mobile number/i);
    await type('9437012345');
    expect(await lastIncoming().textContent()).toMatch(/address/i);
    await type('Plot 12, Saheed Nagar, Bhubaneswar');
    expect(await lastIncoming().textContent()).toMatch(/describe the problem/i);
    await type('No power since 6 am in the whole street, transformer sparking');
    const summary = await lastIncoming().textContent();
    expect(summary).toContain('CN4455667');
    expect(summary).toContain('Saheed Nagar');
    await shot('summary');
    await tap('Confirm');
    const done = await lastIncoming().textContent();
    expect(done).toMatch(/OD-ENR-\d{4}-[A-Z0-9]+/);
    expect(await page.locator('.bubble.in b', { hasText: /^OD-ENR-/ }).count()).toBe(1); // *bold* as on WhatsApp
    await shot('reference');
    const reference = /OD-ENR-\d{4}-[A-Z0-9]+/.exec(done!)![0];
    const apps = await h.app.store.applicationsOf(`simulator:${await page.evaluate(() => localStorage.getItem('sim-user'))}`);
    expect(apps.map((a) => a.reference)).toContain(reference);
    expect(apps[0]!.fields).toMatchObject({ consumer_number: 'CN4455667' });
  }, 90_000);

  it('opens lists as a sheet and switches language from the header', async () => {
    await page.click('#reset');
    await type('menu');
    await page.locator('.bubble.in .actions button', { hasText: '☰' }).last().click();
    await expect.poll(() => page.locator('#sheet.open').count()).toBe(1);
    await shot('list-sheet');
    const before = await page.locator('.bubble.in').count();
    await page.locator('#sheet .row').first().click();
    await expect.poll(() => page.locator('.bubble.in').count()).toBeGreaterThan(before);
    expect(await page.locator('#sheet.open').count()).toBe(0);
    const n = await page.locator('.bubble.in').count();
    await page.selectOption('#lang', 'lang:or');
    await expect.poll(() => page.locator('.bubble.in').count()).toBeGreaterThan(n);
    expect(await lastIncoming().textContent()).toMatch(/[\u0B00-\u0B7F]/);
    await shot('odia');
  }, 60_000);
});
