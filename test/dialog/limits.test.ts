/**
 * Every button and list the dialog can show fits WhatsApp's limits in both languages: button titles ≤ 20,
 * row titles ≤ 24, row descriptions ≤ 72, list button ≤ 20, at most 3 buttons and 10 rows.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { whatsappLimits as L } from '../../src/config.js';
import type { Reply } from '../../src/core.js';
import type { FormState } from '../../src/dialog/state.js';
import { Views } from '../../src/dialog/views.js';
import { loadLocales } from '../../src/i18n/index.js';

const catalog = loadCatalog('intents');
const i18n = loadLocales('locales');

function check(reply: Reply, where: string) {
  if (reply.kind === 'buttons') {
    expect(reply.buttons.length, where).toBeLessThanOrEqual(L.buttonCount);
    for (const b of reply.buttons) expect(b.title.length, `${where}: button "${b.title}"`).toBeLessThanOrEqual(L.buttonTitle);
  }
  if (reply.kind === 'list') {
    expect(reply.button.length, `${where}: list button`).toBeLessThanOrEqual(L.listButton);
    const rows = reply.sections.flatMap((s) => s.rows);
    expect(rows.length, where).toBeLessThanOrEqual(L.listRows);
    for (const r of rows) {
      expect(r.title.length, `${where}: row "${r.title}"`).toBeLessThanOrEqual(L.rowTitle);
      expect((r.description ?? '').length, `${where}: description of "${r.title}"`).toBeLessThanOrEqual(L.rowDescription);
    }
  }
}

describe.each(['en', 'or'] as const)('titles in %s', (lang) => {
  const views = new Views(catalog, i18n, lang);

  it('button and list labels from the locales fit without being shortened', () => {
    const ids = i18n.ids(lang).filter((id) => /^(btn-|choose-button|menu-button|services-button|edit-button|language-name)/.test(id));
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(i18n.t(lang, id).length, `${lang} ${id}: "${i18n.t(lang, id)}"`).toBeLessThanOrEqual(L.buttonTitle);
    for (const id of i18n.ids(lang).filter((x) => x.startsWith('row-'))) expect(i18n.t(lang, id).length, id).toBeLessThanOrEqual(L.rowTitle);
  });

  it('choice options fit as buttons', () => {
    for (const field of catalog.fields.values()) {
      for (const option of field.options ?? []) {
        const label = i18n.t(lang, `option-${field.key}-${option}`);
        expect(label.length, `${lang} option-${field.key}-${option}: "${label}"`).toBeLessThanOrEqual(L.buttonTitle);
      }
    }
  });

  it('every menu page, department list, service card and field question fits', () => {
    for (let page = 0; page < 5; page++) check(views.departments(page), `departments page ${page}`);
    for (const d of catalog.departments) {
      for (let page = 0; page * 9 < d.services.length + 9; page++) check(views.services(d.code, page)!, `${d.code} page ${page}`);
    }
    for (const s of catalog.services) check(views.serviceCard(s), s.id);
    const form: FormState = { serviceId: catalog.services[0]!.id, values: { district: 'khordha' }, failures: 0, phase: 'filling', skipped: [], page: 0, startedAt: '', updatedAt: '' };
    for (const field of catalog.fields.values()) {
      for (const optional of [false, true]) check(views.question(field, form, optional), `question ${field.key}`);
    }
    check(views.serviceChoices(catalog.services.slice(0, 12).map((s) => s.id), 'ambiguous-question'), 'ambiguous list');
  });
});
