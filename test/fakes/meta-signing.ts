/**
 * Meta's side of the webhook, for tests: bodies serialised as Meta sends them (compact JSON, every
 * non-ASCII UTF-16 unit escaped as \uXXXX with lowercase hex), signed with X-Hub-Signature-256 over exactly
 * those bytes, plus builders for the payload shapes in ../shared/spec/whatsapp-examples.json.
 */
import { createHmac } from 'node:crypto';

export const BUSINESS = { display_phone_number: '15550783881', phone_number_id: '106540352242922' } as const;
export const WABA_ID = '102290129340398';

/** JSON exactly as Meta writes it: non-ASCII escaped, optionally '/' escaped as '\/' too. */
export function metaJson(value: unknown, options: { escapeSlashes?: boolean } = {}): string {
  let json = JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (options.escapeSlashes) json = json.replace(/\//g, '\\/');
  return json;
}

export function signatureOf(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** POST a webhook to `url` as Meta would; `signature: null` omits the header, a string overrides it. */
export async function postWebhook(
  url: string,
  payload: unknown,
  appSecret: string,
  options: { signature?: string | null; body?: string; escapeSlashes?: boolean } = {},
): Promise<Response> {
  const body = options.body ?? metaJson(payload, { escapeSlashes: options.escapeSlashes });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' };
  const signature = options.signature === undefined ? signatureOf(body, appSecret) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(url, { method: 'POST', headers, body });
}

export interface ChangeValue {
  messages?: unknown[];
  statuses?: unknown[];
  contacts?: unknown[];
  errors?: unknown[];
}

/** A webhook body; each argument becomes one change (several changes and entries are allowed). */
export function webhook(...changes: ChangeValue[]): Record<string, unknown> {
  return webhookEntries(changes);
}

/** A webhook body with one entry per group of changes. */
export function webhookEntries(...entries: ChangeValue[][]): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes) => ({
      id: WABA_ID,
      changes: changes.map((value) => ({
        value: { messaging_product: 'whatsapp', metadata: BUSINESS, ...value },
        field: 'messages',
      })),
    })),
  };
}

export const contact = (waId: string, name = 'Subhashree Mohanty') => ({ profile: { name }, wa_id: waId });

let counter = 0;
/** A fresh wamid-shaped id. */
export const wamid = (): string => `wamid.TEST${Date.now().toString(36)}${(counter++).toString(36).padStart(4, '0')}`;

const base = (from: string, id: string, timestamp: number, type: string) => ({ from, id, timestamp: String(timestamp), type });

export const text = (from: string, body: string, timestamp: number, id = wamid()) => ({ ...base(from, id, timestamp, 'text'), text: { body } });

export const buttonReply = (from: string, replyId: string, title: string, timestamp: number, id = wamid()) => ({
  context: { from: BUSINESS.display_phone_number, id: 'wamid.CONTEXT' },
  ...base(from, id, timestamp, 'interactive'),
  interactive: { type: 'button_reply', button_reply: { id: replyId, title } },
});

export const listReply = (from: string, replyId: string, title: string, timestamp: number, id = wamid()) => ({
  context: { from: BUSINESS.display_phone_number, id: 'wamid.CONTEXT' },
  ...base(from, id, timestamp, 'interactive'),
  interactive: { type: 'list_reply', list_reply: { id: replyId, title, description: 'A description' } },
});

export const audio = (from: string, mediaId: string, sha256: string, timestamp: number, id = wamid()) => ({
  ...base(from, id, timestamp, 'audio'),
  audio: { mime_type: 'audio/ogg; codecs=opus', sha256, id: mediaId, voice: true },
});

export const image = (from: string, mediaId: string, timestamp: number, caption?: string, id = wamid()) => ({
  ...base(from, id, timestamp, 'image'),
  image: { ...(caption ? { caption } : {}), mime_type: 'image/jpeg', sha256: 'ab'.repeat(32), id: mediaId },
});

export const reaction = (from: string, messageId: string, timestamp: number, id = wamid()) => ({
  ...base(from, id, timestamp, 'reaction'),
  reaction: { message_id: messageId, emoji: '👍' },
});

export const status = (messageId: string, state: 'sent' | 'delivered' | 'read' | 'failed', timestamp: number, recipient: string, errorCode?: number) => ({
  id: messageId,
  status: state,
  timestamp: String(timestamp),
  recipient_id: recipient,
  ...(errorCode ? { errors: [{ code: errorCode, title: 'Error', message: 'Error', error_data: { details: 'details' } }] } : {}),
});
