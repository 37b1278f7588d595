import { describe, expect, it } from 'vitest';
import { renderReply, splitTail } from '../../src/channels/whatsapp/render.js';
import { fit, splitText } from '../../src/text.js';
import type { Reply } from '../../src/core.js';
import { validateMessage } from '../fakes/graph-api.js';

const TO = '919437012345';
const VIRAMA_AT_END = /\u0B4D…?$/u;
const graphemes = (s: string) => [...new Intl.Segmenter('or', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

function valid(reply: Reply) {
  const payloads = renderReply(TO, reply);
  for (const p of payloads) expect(validateMessage(p), JSON.stringify(p)).toEqual([]);
  return payloads as any[];
}

describe('fit (shared helper, as the renderer uses it)', () => {
  it('keeps short titles and shortens long ones within the limit with an ellipsis', () => {
    expect(fit('English', 20)).toBe('English');
    const out = fit('Residential certificate of the applicant', 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out).toBe('Residential…');
  });

  it('never cuts an Odia letter or conjunct in half', () => {
    const title = 'ଜନ୍ମ ପ୍ରମାଣପତ୍ର ପାଇଁ ଆବେଦନ କରନ୍ତୁ ଏବଂ ଡାଉନଲୋଡ଼ କରନ୍ତୁ';
    for (let limit = 3; limit <= 40; limit++) {
      const out = fit(title, limit);
      expect(out.length).toBeLessThanOrEqual(limit);
      expect(out).not.toMatch(VIRAMA_AT_END);
      // Every grapheme of the shortened text (before the ellipsis) is a whole grapheme of the original.
      const kept = out.replace(/…$/u, '');
      expect(title.startsWith(kept)).toBe(true);
      const originals = graphemes(title);
      expect(graphemes(kept).every((g, i) => g === originals[i])).toBe(true);
    }
  });

  it('does not split surrogate pairs or emoji sequences', () => {
    const out = fit('👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽', 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out).toBe('👍🏽👍🏽…');
  });
});

describe('splitText and splitTail', () => {
  it('splits long text at paragraph boundaries within 4096', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: ${'ଓଡ଼ିଆ ଲେଖା '.repeat(50).trim()}`);
    const parts = splitText(paragraphs.join('\n\n'), 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('falls back to sentences (including the Odia danda), then words, then graphemes', () => {
    const odia = 'ଆପଣଙ୍କ ଆବେଦନ ଗ୍ରହଣ ହୋଇଛି। '.repeat(30).trim();
    const parts = splitText(odia, 100);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect(p.endsWith('।')).toBe(true);
    }
    const noSpaces = 'ପ୍ରମାଣପତ୍ର'.repeat(40);
    const hard = splitText(noSpaces, 50);
    expect(hard.join('')).toBe(noSpaces);
    for (const p of hard) {
      expect(p.length).toBeLessThanOrEqual(50);
      expect(p).not.toMatch(VIRAMA_AT_END);
    }
  });

  it('splitTail keeps the question as the last part within the body limit', () => {
    const text = `${'Intro sentence. '.repeat(100)}\n\nWhich district?`;
    const { head, tail } = splitTail(text, 1024);
    expect(tail).toBe('Which district?');
    expect(head.join(' ').length).toBeGreaterThan(1000);
  });
});

describe('renderReply', () => {
  it('renders text, marking link previews', () => {
    const [p] = valid({ kind: 'text', text: 'Track: https://example.odisha.gov.in/track/1' });
    expect(p).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'text',
      text: { body: 'Track: https://example.odisha.gov.in/track/1', preview_url: true },
    });
    expect(valid({ kind: 'text', text: 'x'.repeat(9000) })).toHaveLength(3);
  });

  it('renders reply buttons with shortened, unique titles in both languages', () => {
    const [p] = valid({
      kind: 'buttons',
      text: 'ଆପଣ କେଉଁ ସେବା ଚାହାଁନ୍ତି?',
      header: 'A very long header text that goes well beyond the sixty character limit of WhatsApp',
      footer: 'Odisha One-Number Services',
      buttons: [
        { id: 'a', title: 'ଜନ୍ମ ପ୍ରମାଣପତ୍ର ପାଇଁ ଆବେଦନ (ନୂଆ)' },
        { id: 'b', title: 'ଜନ୍ମ ପ୍ରମାଣପତ୍ର ପାଇଁ ଆବେଦନ (ପୁରୁଣା)' },
        { id: 'c', title: 'No' },
      ],
    });
    expect(p.type).toBe('interactive');
    expect(p.interactive.type).toBe('button');
    const titles = p.interactive.action.buttons.map((b: any) => b.reply.title);
    expect(new Set(titles).size).toBe(3);
    expect(p.interactive.action.buttons.map((b: any) => b.reply.id)).toEqual(['a', 'b', 'c']);
  });

  it('sends a long button body ahead as text and keeps the question on the buttons', () => {
    const payloads = valid({ kind: 'buttons', text: `${'Details. '.repeat(200)}\n\nIs this correct?`, buttons: [{ id: 'y', title: 'Yes' }, { id: 'n', title: 'No' }] });
    expect(payloads.map((p) => p.type)).toEqual(['text', 'interactive']);
    expect(payloads[1].interactive.body.text).toBe('Is this correct?');
  });

  it('turns more than three buttons into a list', () => {
    const buttons = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, title: `District ${i}` }));
    const [p] = valid({ kind: 'buttons', text: 'ଜିଲ୍ଲା ବାଛନ୍ତୁ', buttons });
    expect(p.interactive.type).toBe('list');
    expect(p.interactive.action.button).toBe('☰');
    expect(p.interactive.action.sections[0].rows.map((r: any) => r.id)).toEqual(buttons.map((b) => b.id));
  });

  it('renders lists within the limits and pages beyond ten rows', () => {
    const rows = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}${i}`,
        title: `ରାଜସ୍ୱ ବିଭାଗ ସେବା ପ୍ରମାଣପତ୍ର ${i}`,
        description: 'ତହସିଲଦାରଙ୍କ ଦ୍ୱାରା ଜାରି ହୋଇଥିବା ପ୍ରମାଣପତ୍ର, ଓଡ଼ିଶା ଲୋକସେବା ଅଧିକାର ଆଇନ ଅନୁଯାୟୀ ନିର୍ଦ୍ଧାରିତ ସମୟରେ',
      }));
    const payloads = valid({
      kind: 'list',
      text: 'କେଉଁ ପ୍ରମାଣପତ୍ର ଦରକାର?',
      button: 'ସେବା ତାଲିକା ଦେଖନ୍ତୁ ଏବଂ ବାଛନ୍ତୁ ଦୟାକରି',
      sections: [
        { title: 'Civil registration and vital statistics', rows: rows(7, 'c') },
        { rows: rows(7, 'r') },
      ],
    });
    expect(payloads).toHaveLength(2);
    const ids = payloads.flatMap((p) => p.interactive.action.sections.flatMap((s: any) => s.rows.map((r: any) => r.id)));
    expect(ids).toHaveLength(14);
    expect(new Set(ids).size).toBe(14);
    expect(payloads[0].interactive.body.text).toMatch(/\(1\/2\)$/);
    expect(payloads[1].interactive.body.text).toMatch(/\(2\/2\)$/);
  });

  it('falls back to numbered text when ids are too long for WhatsApp', () => {
    const [p] = valid({ kind: 'list', text: 'Pick', button: 'Pick', sections: [{ rows: [{ id: 'x'.repeat(201), title: 'One' }] }] });
    expect(p.type).toBe('text');
    expect(p.text.body).toBe('Pick\n\n1. One');
  });

  it('renders an audio reply as its text (the sender sends a voice note when it has one)', () => {
    expect(valid({ kind: 'audio', text: 'ନମସ୍କାର', language: 'or' })[0].text.body).toBe('ନମସ୍କାର');
  });
});
