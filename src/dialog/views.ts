/**
 * Replies the dialog shows: the browse menu, service cards, questions, summaries, status. Every text comes
 * from locales/; titles are fitted to WhatsApp's limits (buttons 20, rows 24, descriptions 72).
 */
import type { Catalog, FieldDef, Language, Service } from '../catalog/types.js';
import { whatsappLimits } from '../config.js';
import type { Button, ListRow, Reply } from '../core.js';
import type { MessageArgs, Translator } from '../i18n/index.js';
import type { ApplicationRecord } from '../store/repository.js';
import { fit } from '../text.js';
import { displayValue } from './fields.js';
import type { FormState } from './state.js';

/** Rows per page of a long list: 9 choices and a "More…" row keep within WhatsApp's 10. */
export const PAGE_ROWS = whatsappLimits.listRows - 1;

export class Views {
  constructor(
    readonly catalog: Catalog,
    readonly i18n: Translator,
    readonly lang: Language,
  ) {}

  t(id: string, args?: MessageArgs): string {
    return this.i18n.t(this.lang, id, args);
  }

  text(id: string, args?: MessageArgs): Reply {
    return { kind: 'text', text: this.t(id, args) };
  }

  button(id: string, messageId: string, args?: MessageArgs): Button {
    return { id, title: fit(this.t(messageId, args), whatsappLimits.buttonTitle) };
  }

  buttons(text: string, buttons: Button[]): Reply {
    return { kind: 'buttons', text, buttons: buttons.slice(0, whatsappLimits.buttonCount) };
  }

  row(id: string, title: string, description?: string): ListRow {
    const fitted = fit(title, whatsappLimits.rowTitle);
    const desc = description ?? (fitted !== title.trim() ? title : undefined);
    return { id, title: fitted, description: desc ? fit(desc, whatsappLimits.rowDescription) : undefined };
  }

  /** A list, paged: rows beyond one page get a "More…" row whose id is `more(page + 1)`. */
  pagedList(text: string, buttonMessage: string, rows: ListRow[], page: number, more: (page: number) => string): Reply {
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
    const current = Math.min(Math.max(0, page), pages - 1);
    const slice = rows.length <= whatsappLimits.listRows ? rows : rows.slice(current * PAGE_ROWS, (current + 1) * PAGE_ROWS);
    if (rows.length > whatsappLimits.listRows) {
      slice.push(this.row(more((current + 1) % pages), this.t('row-more'), this.t('page-next', { page: ((current + 1) % pages) + 1, pages })));
    }
    return { kind: 'list', text, button: fit(this.t(buttonMessage), whatsappLimits.listButton), sections: [{ rows: slice }] };
  }

  serviceName(service: Service): string {
    return service.name[this.lang];
  }

  /** A list row for a service: the short title when the catalog has one, the full name underneath. */
  serviceRow(service: Service): ListRow {
    const name = this.serviceName(service);
    const short = service.short?.[this.lang];
    return short ? this.row(`svc:${service.id}`, short, name) : this.row(`svc:${service.id}`, name);
  }

  // --- browse ---------------------------------------------------------------------------------------

  departments(page: number): Reply {
    // Departments with the most requested services first: most citizens then find theirs on the first page.
    const popularity = (d: { services: Service[] }) => d.services.filter((s) => s.popular).length;
    const ordered = [...this.catalog.departments].sort((a, b) => popularity(b) - popularity(a) || a.name.en.localeCompare(b.name.en));
    const rows = ordered.map((d) => this.row(`dept:${d.code}:0`, d.name[this.lang]));
    return this.pagedList(this.t('menu-text'), 'menu-button', rows, page, (p) => `menu:${p}`);
  }

  services(departmentCode: string, page: number): Reply | undefined {
    const department = this.catalog.departments.find((d) => d.code === departmentCode);
    if (!department) return undefined;
    const ordered = [...department.services].sort((a, b) => Number(b.popular) - Number(a.popular));
    const rows = ordered.map((s) => this.serviceRow(s));
    return this.pagedList(this.t('department-services', { department: department.name[this.lang] }), 'services-button', rows, page, (p) => `dept:${department.code}:${p}`);
  }

  serviceCard(service: Service): Reply {
    const department = this.catalog.departments.find((d) => d.code === service.department);
    const documents = service.documents.map((d) => `• ${d.name[this.lang]}${d.uncertain ? ` ${this.t('card-uncertain')}` : ''}`).join('\n');
    const lines = [
      `*${this.serviceName(service)}*`,
      department ? department.name[this.lang] : '',
      '',
      this.t('card-documents'),
      documents || this.t('card-no-documents'),
      '',
      service.ortpsaDays ? this.t('card-time-limit', { days: service.ortpsaDays }) : this.t('card-time-limit-unknown'),
      service.officer ? this.t('card-officer', { officer: service.officer[this.lang] }) : '',
    ].filter((line, i, all) => line !== '' || (all[i - 1] !== '' && i > 0));
    return this.buttons(lines.join('\n').trim(), [this.button(`apply:${service.id}`, 'btn-apply'), this.button('menu', 'btn-menu')]);
  }

  serviceChoices(serviceIds: string[], messageId: string): Reply {
    const rows = serviceIds
      .map((id) => this.catalog.service(id))
      .filter((s): s is Service => s !== undefined)
      .slice(0, whatsappLimits.listRows - 1)
      .map((s) => this.serviceRow(s));
    rows.push(this.row('menu', this.t('row-none-of-these')));
    return { kind: 'list', text: this.t(messageId), button: fit(this.t('choose-button'), whatsappLimits.listButton), sections: [{ rows }] };
  }

  // --- forms ----------------------------------------------------------------------------------------

  fieldLabel(key: string): string {
    return this.t(`field-${key}`);
  }

  optionLabel(field: string, option: string): string {
    return this.t(`option-${field}-${option}`);
  }

  /** The question for a field, as buttons or a list when the answer is a choice. */
  question(field: FieldDef, form: FormState, optional: boolean, prefix?: string): Reply {
    const text = [prefix, this.t(`ask-${field.key}`), optional ? this.t('optional-hint') : undefined].filter(Boolean).join('\n');
    const skip = optional ? [this.button(`skip:${field.key}`, 'btn-skip')] : [];
    const options = this.options(field, form.values);
    if (options) {
      const rows = options.map((o) => this.row(`opt:${field.key}:${o.value}`, o.label));
      if (rows.length + skip.length <= whatsappLimits.buttonCount) {
        return this.buttons(text, [...rows.map((r) => ({ id: r.id, title: fit(r.title, whatsappLimits.buttonTitle) })), ...skip]);
      }
      if (skip.length) rows.push(this.row(`skip:${field.key}`, this.t('btn-skip')));
      return this.pagedList(text, 'choose-button', rows, form.page, (p) => `page:${field.key}:${p}`);
    }
    return skip.length ? this.buttons(text, skip) : { kind: 'text', text };
  }

  /** The values a choice-like field accepts, with labels in the citizen's language. */
  options(field: FieldDef, values: Record<string, string>): { value: string; label: string }[] | undefined {
    switch (field.type) {
      case 'choice':
        return (field.options ?? []).map((o) => ({ value: o, label: this.optionLabel(field.key, o) }));
      case 'yes_no':
        return ['yes', 'no'].map((o) => ({ value: o, label: this.t(`btn-${o}`) }));
      case 'district':
        return this.catalog.districts.map((d) => ({ value: d.code, label: d.name[this.lang] }));
      case 'block': {
        const blocks = this.catalog.blocks.filter((b) => b.district === values['district']);
        return blocks.length ? blocks.map((b) => ({ value: `${b.district}/${b.name.en}`, label: b.name[this.lang] || b.name.en })) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** A value as the citizen should read it back: option labels, district names, masked numbers. */
  value(field: FieldDef, value: string): string {
    if (field.type === 'district') return this.catalog.districts.find((d) => d.code === value)?.name[this.lang] ?? value;
    if (field.type === 'block') {
      const block = this.catalog.blocks.find((b) => `${b.district}/${b.name.en}` === value);
      return block ? block.name[this.lang] || block.name.en : value;
    }
    if (field.type === 'choice') return this.optionLabel(field.key, value);
    if (field.type === 'yes_no') return this.t(`btn-${value}`);
    return displayValue(field, value);
  }

  summary(form: FormState, fields: FieldDef[]): Reply {
    const service = this.catalog.service(form.serviceId)!;
    const lines = fields.filter((f) => form.values[f.key] !== undefined).map((f) => `• ${this.fieldLabel(f.key)}: ${this.value(f, form.values[f.key]!)}`);
    return this.buttons(this.t('confirm-summary', { service: this.serviceName(service), summary: lines.join('\n') }), [
      this.button('confirm', 'btn-confirm'),
      this.button('edit', 'btn-edit'),
      this.button('cancel', 'btn-cancel'),
    ]);
  }

  editChoices(form: FormState, fields: FieldDef[]): Reply {
    const rows = fields.filter((f) => form.values[f.key] !== undefined).map((f) => this.row(`editf:${f.key}`, this.fieldLabel(f.key), this.value(f, form.values[f.key]!)));
    return this.pagedList(this.t('edit-which'), 'edit-button', rows, form.page, (p) => `editpage:${p}`);
  }

  // --- applications ---------------------------------------------------------------------------------

  formatDate(iso: string | null): string {
    if (!iso) return '—';
    const [y, m, d] = iso.slice(0, 10).split('-');
    return `${d}/${m}/${y}`;
  }

  applicationStatus(app: ApplicationRecord): Reply {
    const service = this.catalog.service(app.serviceId);
    return this.text(app.dueDate ? 'status-line' : 'status-line-no-due', {
      reference: app.reference,
      service: service ? this.serviceName(service) : app.serviceId,
      status: this.t(`status-${app.status}`),
      due: this.formatDate(app.dueDate),
    });
  }

  applicationList(apps: ApplicationRecord[]): Reply {
    if (apps.length === 0) return this.buttons(this.t('status-none'), [this.button('menu', 'btn-menu')]);
    const rows = apps.slice(0, whatsappLimits.listRows).map((a) => {
      const service = this.catalog.service(a.serviceId);
      return this.row(`app:${a.reference}`, a.reference, `${service ? this.serviceName(service) : a.serviceId} · ${this.t(`status-${a.status}`)}`);
    });
    return { kind: 'list', text: this.t('my-applications'), button: fit(this.t('choose-button'), whatsappLimits.listButton), sections: [{ rows }] };
  }
}
