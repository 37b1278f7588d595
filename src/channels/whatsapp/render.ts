/**
 * Reply → Graph API message payloads, always within WhatsApp's limits (config.whatsappLimits), in English
 * and in Odia. Lengths are counted in UTF-16 units, which is never less than what WhatsApp counts for
 * these scripts; titles are shortened and long text split with the shared helpers in src/text.ts (whole
 * graphemes only; paragraph, line, sentence or word boundaries). Buttons beyond three become a list;
 * lists beyond ten rows are sent as several lists.
 */
import type { Button, ListRow, Reply } from '../../core.js';
import { whatsappLimits as L } from '../../config.js';
import { fit, graphemes, splitText } from '../../text.js';

interface Envelope {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
}

export interface TextPayload extends Envelope {
  type: 'text';
  text: { body: string; preview_url?: boolean };
}

export interface InteractiveHeaderFooter {
  header?: { type: 'text'; text: string };
  footer?: { text: string };
}

export interface ButtonPayload extends Envelope {
  type: 'interactive';
  interactive: InteractiveHeaderFooter & {
    type: 'button';
    body: { text: string };
    action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] };
  };
}

export interface ListPayload extends Envelope {
  type: 'interactive';
  interactive: InteractiveHeaderFooter & {
    type: 'list';
    body: { text: string };
    action: { button: string; sections: { title?: string; rows: ListRow[] }[] };
  };
}

export interface AudioPayload extends Envelope {
  type: 'audio';
  audio: { id: string; voice: true };
}

export type GraphMessage = TextPayload | ButtonPayload | ListPayload | AudioPayload;

const URL = /https?:\/\/\S/i;

/**
 * Split so that the last part fits `tailLimit` (an interactive body) and the rest go ahead as text
 * messages; the tail is as long as possible while starting at a natural boundary.
 */
export function splitTail(text: string, tailLimit: number): { head: string[]; tail: string } {
  const clean = text.trim();
  if (clean.length <= tailLimit) return { head: [], tail: clean };
  const from = clean.length - tailLimit;
  const firstAfter = (pattern: RegExp, offset = 0): number => {
    const hit = clean.slice(from).search(pattern);
    return hit < 0 ? -1 : from + hit + offset;
  };
  const boundaries = [firstAfter(/\n\n/u), firstAfter(/\n/u), firstAfter(/[.!?।॥]\s/u, 1), firstAfter(/\s/u)];
  let cut = boundaries.find((c) => c >= from && c < clean.length - 1) ?? -1;
  if (cut < 0) {
    // No boundary in reach: the first grapheme boundary that leaves the tail within the limit.
    cut = 0;
    for (const g of graphemes(clean)) {
      if (cut >= from) break;
      cut += g.length;
    }
  }
  return { head: splitText(clean.slice(0, cut).trim(), L.textBody), tail: clean.slice(cut).trim() };
}

const envelope = (to: string): Envelope => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to });

function textPayload(to: string, body: string): TextPayload {
  return { ...envelope(to), type: 'text', text: URL.test(body) ? { body, preview_url: true } : { body } };
}

function texts(to: string, text: string): TextPayload[] {
  const clean = text.trim();
  return clean ? splitText(clean, L.textBody).map((part) => textPayload(to, part)) : [];
}

/** The label of a list the dialog gave none (it always does; reply texts live in locales/, so no words here). */
const NO_LABEL = '☰';

/** Titles shortened to `limit` and made unique (case-insensitively) with a number when shortening collides. */
function uniqueTitles(titles: string[], limit: number): string[] {
  const used = new Set<string>();
  return titles.map((title) => {
    let candidate = fit(title, limit) || '…';
    for (let n = 2; used.has(candidate.toLocaleLowerCase()); n++) candidate = `${fit(title, limit - ` ${n}`.length)} ${n}`;
    used.add(candidate.toLocaleLowerCase());
    return candidate;
  });
}

function headerFooter(reply: { header?: string; footer?: string }): InteractiveHeaderFooter {
  const out: InteractiveHeaderFooter = {};
  const header = reply.header ? fit(reply.header, L.headerText) : '';
  const footer = reply.footer ? fit(reply.footer, L.footerText) : '';
  if (header) out.header = { type: 'text', text: header };
  if (footer) out.footer = { text: footer };
  return out;
}

/** The options as plain text, for choices whose ids WhatsApp would refuse. */
function asNumberedText(to: string, text: string, options: { title: string }[]): TextPayload[] {
  const lines = options.map((o, i) => `${i + 1}. ${o.title}`).join('\n');
  return texts(to, [text.trim(), lines].filter(Boolean).join('\n\n'));
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => item.id !== '' && !seen.has(item.id) && seen.add(item.id));
}

function renderButtons(to: string, reply: Extract<Reply, { kind: 'buttons' }>): GraphMessage[] {
  const buttons: Button[] = uniqueById(reply.buttons);
  if (buttons.length === 0) return texts(to, reply.text);
  if (buttons.length > L.buttonCount) {
    return renderList(to, {
      kind: 'list',
      text: reply.text,
      button: NO_LABEL,
      sections: [{ rows: buttons.map((b) => ({ id: b.id, title: b.title })) }],
      ...(reply.header ? { header: reply.header } : {}),
      ...(reply.footer ? { footer: reply.footer } : {}),
    });
  }
  if (buttons.some((b) => b.id.length > L.buttonId)) return asNumberedText(to, reply.text, buttons);
  const { head, tail } = splitTail(reply.text, L.interactiveBody);
  const titles = uniqueTitles(buttons.map((b) => b.title), L.buttonTitle);
  const message: ButtonPayload = {
    ...envelope(to),
    type: 'interactive',
    interactive: {
      type: 'button',
      ...headerFooter(reply),
      body: { text: tail || '👇' },
      action: { buttons: buttons.map((b, i) => ({ type: 'reply' as const, reply: { id: b.id, title: titles[i]! } })) },
    },
  };
  return [...head.map((part) => textPayload(to, part)), message];
}

function renderList(to: string, reply: Extract<Reply, { kind: 'list' }>): GraphMessage[] {
  const seen = new Set<string>();
  const entries = reply.sections.flatMap((section, sectionIndex) =>
    section.rows
      .filter((row) => row.id !== '' && !seen.has(row.id) && seen.add(row.id))
      .map((row) => ({ sectionIndex, sectionTitle: section.title, row })),
  );
  if (entries.length === 0) return texts(to, reply.text);
  if (entries.some((e) => e.row.id.length > L.rowId)) return asNumberedText(to, reply.text, entries.map((e) => e.row));

  const pages: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += L.listRows) pages.push(entries.slice(i, i + L.listRows));
  const paged = pages.length > 1;
  const suffix = (n: number) => (paged ? ` (${n}/${pages.length})` : '');
  const { head, tail } = splitTail(reply.text, L.interactiveBody - suffix(pages.length).length);
  const label = fit(reply.button, L.listButton) || NO_LABEL;
  const firstLine = fit(tail.split('\n')[0] ?? '', 120);

  const lists = pages.map((page, pageIndex): ListPayload => {
    const sections: { title?: string; rows: ListRow[] }[] = [];
    let current = -1;
    for (const { sectionIndex, sectionTitle, row } of page) {
      if (sectionIndex !== current) {
        current = sectionIndex;
        sections.push({ ...(sectionTitle?.trim() ? { title: sectionTitle } : {}), rows: [] });
      }
      const description = row.description ? fit(row.description, L.rowDescription) : '';
      sections.at(-1)!.rows.push({ id: row.id, title: fit(row.title, L.rowTitle) || '…', ...(description ? { description } : {}) });
    }
    // With more than one section each needs a title; a lone section's title is optional.
    for (const section of sections) {
      if (section.title !== undefined) section.title = fit(section.title, L.sectionTitle);
      else if (sections.length > 1) section.title = fit(label, L.sectionTitle);
    }
    const body = pageIndex === 0 ? tail || label : firstLine || label;
    return {
      ...envelope(to),
      type: 'interactive',
      interactive: {
        type: 'list',
        ...headerFooter(reply),
        body: { text: body + suffix(pageIndex + 1) },
        action: { button: label, sections },
      },
    };
  });
  return [...head.map((part) => textPayload(to, part)), ...lists];
}

/**
 * The payloads for one reply to `to` (a wa_id), in sending order. An `audio` reply renders as its text:
 * the sender uses `renderVoiceNote` instead when it has a voice note for it.
 */
export function renderReply(to: string, reply: Reply): GraphMessage[] {
  switch (reply.kind) {
    case 'text':
    case 'audio':
      return texts(to, reply.text);
    case 'buttons':
      return renderButtons(to, reply);
    case 'list':
      return renderList(to, reply);
  }
}

/** A voice note already uploaded as media `mediaId`. */
export function renderVoiceNote(to: string, mediaId: string): AudioPayload {
  return { ...envelope(to), type: 'audio', audio: { id: mediaId, voice: true } };
}
