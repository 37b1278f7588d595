/**
 * Webhook JSON → what the bot acts on. Every entry, change, message and status is read (never `[0]`
 * only); a malformed item is skipped without losing its neighbours. Messages come back sorted by their
 * `timestamp` (stable), so one citizen's messages are handled in the order they were written.
 */
import { z } from 'zod';
import type { AudioSource, Inbound } from '../../core.js';
import type { OutboundStatus } from '../../store/repository.js';

export const CHANNEL = 'whatsapp';

/** A media attachment as the webhook names it (bytes are fetched later, through the Graph API). */
export interface MediaRef {
  id: string;
  mimeType: string;
  sha256?: string;
}

export interface DeliveryStatus {
  /** The wamid of one of our outbound messages. */
  id: string;
  status: Extract<OutboundStatus, 'sent' | 'delivered' | 'read' | 'failed'>;
  timestamp: Date;
  errorCode?: number;
}

export interface WebhookError {
  code: number;
  title?: string;
}

export interface ParsedWebhook {
  /** Inbound messages, oldest first. */
  messages: Inbound[];
  statuses: DeliveryStatus[];
  /** Errors Meta reports at the change level (e.g. 130429 for a message it could not send). */
  errors: WebhookError[];
  /** Items deliberately not acted on (reactions, system notices) or unreadable, by kind, for logs. */
  skipped: string[];
}

export interface ParseOptions {
  /** Turns an audio attachment into an AudioSource that downloads it on demand. */
  audio(ref: MediaRef): AudioSource;
}

const errorSchema = z.object({ code: z.coerce.number(), title: z.string().optional() });

const mediaSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().default('application/octet-stream'),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
});

const messageSchema = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.union([z.string(), z.number()]),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  audio: mediaSchema.optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
  video: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z
    .object({
      latitude: z.coerce.number(),
      longitude: z.coerce.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  errors: z.array(errorSchema).optional(),
});

const statusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  errors: z.array(errorSchema).optional(),
});

type RawMessage = z.infer<typeof messageSchema>;

const DELIVERY_STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);
/** Message types that carry nothing for the bot to answer. */
const IGNORED_TYPES = new Set(['reaction', 'system', 'request_welcome', 'ephemeral', 'revoke']);
const MEDIA_TYPES = ['image', 'document', 'video', 'sticker'] as const;

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function toDate(timestamp: string | number | undefined): Date {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/** Read a whole webhook body (already signature-checked and JSON-parsed). */
export function parseWebhook(body: unknown, options: ParseOptions): ParsedWebhook {
  const out: ParsedWebhook = { messages: [], statuses: [], errors: [], skipped: [] };
  const root = asRecord(body);
  if (root.object !== 'whatsapp_business_account') {
    out.skipped.push(`object:${String(root.object)}`);
    return out;
  }
  const timed: { inbound: Inbound; order: number }[] = [];
  for (const entry of asArray(root.entry)) {
    for (const change of asArray(asRecord(entry).changes)) {
      const { field, value: rawValue } = asRecord(change);
      if (field !== undefined && field !== 'messages') {
        out.skipped.push(`field:${String(field)}`);
        continue;
      }
      const value = asRecord(rawValue);
      const names = new Map<string, string>();
      for (const contact of asArray(value.contacts)) {
        const c = asRecord(contact);
        const name = asRecord(c.profile).name;
        if (typeof c.wa_id === 'string' && typeof name === 'string') names.set(c.wa_id, name);
      }
      for (const raw of asArray(value.messages)) {
        const parsed = messageSchema.safeParse(raw);
        if (!parsed.success) {
          out.skipped.push('malformed message');
          continue;
        }
        const inbound = toInbound(parsed.data, names.get(parsed.data.from), options);
        if (inbound) timed.push({ inbound, order: timed.length });
        else out.skipped.push(parsed.data.type);
      }
      for (const raw of asArray(value.statuses)) {
        const parsed = statusSchema.safeParse(raw);
        if (!parsed.success || !DELIVERY_STATUSES.has(parsed.data.status)) {
          out.skipped.push(`status:${parsed.success ? parsed.data.status : 'malformed'}`);
          continue;
        }
        const s = parsed.data;
        out.statuses.push({
          id: s.id,
          status: s.status as DeliveryStatus['status'],
          timestamp: toDate(s.timestamp),
          ...(s.errors?.[0] ? { errorCode: s.errors[0].code } : {}),
        });
      }
      for (const raw of asArray(value.errors)) {
        const parsed = errorSchema.safeParse(raw);
        if (parsed.success) out.errors.push(parsed.data);
      }
    }
  }
  timed.sort((a, b) => a.inbound.timestamp.getTime() - b.inbound.timestamp.getTime() || a.order - b.order);
  out.messages = timed.map((t) => t.inbound);
  return out;
}

function toInbound(m: RawMessage, profileName: string | undefined, options: ParseOptions): Inbound | undefined {
  const base = {
    channel: CHANNEL,
    userId: m.from,
    messageId: m.id,
    timestamp: toDate(m.timestamp),
    ...(profileName ? { profileName } : {}),
  };
  if (IGNORED_TYPES.has(m.type)) return undefined;
  switch (m.type) {
    case 'text':
      if (m.text) return { ...base, kind: 'text', text: m.text.body };
      break;
    case 'audio':
      if (m.audio) {
        const ref: MediaRef = { id: m.audio.id, mimeType: m.audio.mime_type, ...(m.audio.sha256 ? { sha256: m.audio.sha256 } : {}) };
        return { ...base, kind: 'voice', audio: options.audio(ref) };
      }
      break;
    case 'interactive': {
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      if (reply) return { ...base, kind: 'choice', id: reply.id, title: reply.title };
      return { ...base, kind: 'unsupported', what: `interactive:${m.interactive?.type ?? 'unknown'}` };
    }
    case 'button':
      if (m.button) return { ...base, kind: 'choice', id: m.button.payload ?? m.button.text, title: m.button.text };
      break;
    case 'location':
      if (m.location) {
        const { latitude, longitude, name, address } = m.location;
        return { ...base, kind: 'location', latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
      }
      break;
    default: {
      const mediaKind = MEDIA_TYPES.find((k) => k === m.type);
      const media = mediaKind ? m[mediaKind] : undefined;
      if (mediaKind && media) {
        return {
          ...base,
          kind: 'media',
          mediaKind,
          mediaId: media.id,
          mimeType: media.mime_type,
          ...(media.caption ? { caption: media.caption } : {}),
          ...(media.filename ? { filename: media.filename } : {}),
        };
      }
    }
  }
  return { ...base, kind: 'unsupported', what: m.type };
}
