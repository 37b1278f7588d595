import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AudioSource, Inbound } from '../../src/core.js';
import { parseWebhook, type MediaRef } from '../../src/channels/whatsapp/parse.js';
import { verifySignature } from '../../src/channels/whatsapp/signature.js';
import { metaJson, signatureOf, text, webhook, webhookEntries } from '../fakes/meta-signing.js';

/** Meta's documented payloads (copied from ../shared/spec/whatsapp-examples.json). */
const examples = JSON.parse(readFileSync(new URL('../fixtures/whatsapp-examples.json', import.meta.url), 'utf8'));
const refs: MediaRef[] = [];
const options = {
  audio: (ref: MediaRef): AudioSource => {
    refs.push(ref);
    return { mimeType: ref.mimeType, fetch: async () => Buffer.alloc(0) };
  },
};
const only = (payload: unknown): Inbound => {
  const parsed = parseWebhook(payload, options);
  expect(parsed.messages).toHaveLength(1);
  return parsed.messages[0]!;
};

describe('webhook signature', () => {
  const sig = examples.signature_example;

  it('verifies the escaped body Meta sends, over the raw bytes', () => {
    expect(verifySignature(Buffer.from(sig.raw_body_escaped_ascii), sig['X-Hub-Signature-256_over_escaped_body'], sig.app_secret)).toBe(true);
    expect(verifySignature(Buffer.from(sig.raw_body_utf8_same_json), sig['X-Hub-Signature-256_over_utf8_body'], sig.app_secret)).toBe(true);
  });

  it('rejects the same JSON in other bytes, a wrong secret, and missing or malformed headers', () => {
    const escapedSig = sig['X-Hub-Signature-256_over_escaped_body'];
    expect(verifySignature(Buffer.from(sig.raw_body_utf8_same_json), escapedSig, sig.app_secret)).toBe(false);
    expect(verifySignature(Buffer.from(sig.raw_body_escaped_ascii), escapedSig, 'other-secret')).toBe(false);
    for (const header of [undefined, null, '', 'sha256=', 'sha1=abc', escapedSig.slice(7), `${escapedSig.slice(0, -1)}0`, `${escapedSig}00`]) {
      expect(verifySignature(Buffer.from(sig.raw_body_escaped_ascii), header, sig.app_secret)).toBe(false);
    }
  });

  it('the signing fake reproduces Meta’s bytes and signature exactly', () => {
    const body = metaJson(JSON.parse(sig.raw_body_utf8_same_json));
    expect(body).toBe(sig.raw_body_escaped_ascii);
    expect(signatureOf(body, sig.app_secret)).toBe(sig['X-Hub-Signature-256_over_escaped_body']);
  });
});

describe('parseWebhook', () => {
  const w = examples.webhook;

  it('reads an Odia text message with the profile name and timestamp', () => {
    expect(only(w.text)).toEqual({
      channel: 'whatsapp',
      userId: '919437012345',
      messageId: 'wamid.HBgMOTE5NDM3MDEyMzQ1FQIAEhgUM0VCMDFBMkIzQzRENUU2RjcwODkA',
      timestamp: new Date(1741335000 * 1000),
      profileName: 'Subhashree Mohanty',
      kind: 'text',
      text: 'ମୋତେ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ଦରକାର',
    });
  });

  it('turns voice notes and audio files into voice messages with a lazy download', () => {
    const voice = only(w.audio_voice_note);
    expect(voice.kind).toBe('voice');
    if (voice.kind === 'voice') expect(voice.audio.mimeType).toBe('audio/ogg; codecs=opus');
    expect(refs.at(-1)).toEqual({ id: '1037543291543636', mimeType: 'audio/ogg; codecs=opus', sha256: w.audio_voice_note.entry[0].changes[0].value.messages[0].audio.sha256 });
    expect(only(w.audio_file_not_voice).kind).toBe('voice');
  });

  it('reads button taps, list choices and template quick replies as choices', () => {
    expect(only(w.interactive_button_reply)).toMatchObject({ kind: 'choice', id: 'lang:or', title: 'ଓଡ଼ିଆ' });
    expect(only(w.interactive_list_reply)).toMatchObject({ kind: 'choice', id: 'svc:birth_certificate', title: 'Birth certificate' });
    expect(only(w.button_template_quick_reply)).toMatchObject({ kind: 'choice', id: 'STATUS_CHECK_APP_2025_000123', title: 'Check status' });
  });

  it('reads locations, images and documents', () => {
    expect(only(w.location)).toMatchObject({ kind: 'location', latitude: 20.2961, longitude: 85.8245, name: 'Lok Seva Bhavan' });
    expect(only(w.image)).toMatchObject({ kind: 'media', mediaKind: 'image', mediaId: '2754859441498128', mimeType: 'image/jpeg', caption: 'Aadhaar front side' });
    expect(only(w.document)).toMatchObject({
      kind: 'media',
      mediaKind: 'document',
      mediaId: '1234567890123456',
      mimeType: 'application/pdf',
      filename: 'salary_slip_feb_2025.pdf',
    });
  });

  it('ignores reactions; passes unsupported types on for a polite answer', () => {
    for (const payload of [w.reaction, w.reaction_removed]) {
      const parsed = parseWebhook(payload, options);
      expect(parsed.messages).toEqual([]);
      expect(parsed.skipped).toEqual(['reaction']);
    }
    expect(only(w.unsupported)).toMatchObject({ kind: 'unsupported', what: 'unsupported' });
  });

  it('reads statuses with error codes, and change-level errors', () => {
    const statuses = ['status_sent', 'status_delivered', 'status_read', 'status_failed_131047_reengagement', 'status_failed_131026_undeliverable'].map(
      (k) => parseWebhook(w[k], options).statuses,
    );
    expect(statuses.map((s) => s.map((x) => [x.status, x.errorCode]))).toEqual([
      [['sent', undefined]],
      [['delivered', undefined]],
      [['read', undefined]],
      [['failed', 131047]],
      [['failed', 131026]],
    ]);
    expect(statuses[0]![0]!.id).toBe('wamid.HBgMOTE5NDM3MDEyMzQ1FQIAERgSQ0I2QjM5REFBRThBOTJBMTE4AA==');
    expect(parseWebhook(w.system_errors_130429, options).errors).toEqual([{ code: 130429, title: 'Rate limit hit' }]);
  });

  it('reads every entry, change and message, sorted by timestamp, skipping only malformed items', () => {
    const payload = webhookEntries(
      [{ messages: [text('911111111111', 'third', 1741335300), text('911111111111', 'first', 1741335100)] }, { messages: [{ from: 'x' }] }],
      [{ messages: [text('922222222222', 'second', 1741335200)] }],
    );
    const parsed = parseWebhook(payload, options);
    expect(parsed.messages.map((m) => (m.kind === 'text' ? m.text : m.kind))).toEqual(['first', 'second', 'third']);
    expect(parsed.skipped).toEqual(['malformed message']);
  });

  it('ignores other objects and fields', () => {
    expect(parseWebhook({ object: 'page', entry: [] }, options).messages).toEqual([]);
    const other = webhook({ messages: [text('911111111111', 'hi', 1)] });
    (other.entry as any)[0].changes[0].field = 'account_update';
    expect(parseWebhook(other, options).messages).toEqual([]);
    expect(parseWebhook(null, options).messages).toEqual([]);
  });
});
