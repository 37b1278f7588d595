/**
 * The types every part of the bot shares: what comes in from a channel, what the bot understood, and
 * what goes back out. Channels translate their platform's payloads to and from these; nothing else
 * knows a platform's JSON.
 */
import type { Language } from './catalog/types.js';

export type { Language };

interface InboundBase {
  /** Which adapter it came through: 'whatsapp', 'simulator', 'test'. */
  channel: string;
  /** The citizen's id on that channel (WhatsApp: the wa_id). Stored as `${channel}:${userId}`. */
  userId: string;
  /** The channel's own message id, used to de-duplicate redeliveries. */
  messageId: string;
  timestamp: Date;
  profileName?: string;
}

export type Inbound = InboundBase &
  (
    | { kind: 'text'; text: string }
    | { kind: 'voice'; audio: AudioSource }
    | { kind: 'choice'; id: string; title: string }
    | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
    | { kind: 'media'; mediaKind: 'image' | 'document' | 'video' | 'sticker'; mediaId: string; mimeType: string; caption?: string; filename?: string }
    | { kind: 'unsupported'; what: string }
  );

/** Audio is fetched only when needed (and only once the message is known not to be a duplicate). */
export interface AudioSource {
  mimeType: string;
  fetch(): Promise<Buffer>;
}

export interface Button {
  id: string;
  title: string;
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface ListSection {
  title?: string;
  rows: ListRow[];
}

/** What the bot says. Channels render these within their platform's limits. */
export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; text: string; buttons: Button[]; header?: string; footer?: string }
  | { kind: 'list'; text: string; button: string; sections: ListSection[]; header?: string; footer?: string }
  | { kind: 'audio'; text: string; language: Language };

export type Variant = 'en' | 'or' | 'or-Latn' | 'mixed' | 'other';

export interface Entity {
  type:
    | 'district' | 'block' | 'date' | 'aadhaar' | 'mobile' | 'pin' | 'number' | 'yes_no' | 'name' | 'reference'
    | 'email' | 'ifsc' | 'vehicle_number' | 'year' | 'caste' | 'gender';
  /** Canonical value: district code, ISO date, digits, 'yes'/'no', the reference… */
  value: string;
  /** The words it came from. */
  text: string;
  /** Set when the text looked like this entity but failed its check (e.g. a bad Aadhaar checksum). */
  invalid?: string;
}

export type BuiltinIntent =
  | 'greet' | 'thanks' | 'help' | 'menu' | 'cancel' | 'restart' | 'change_language' | 'human' | 'affirm' | 'deny'
  | 'status' | 'voice_off' | 'voice_on';

export const BUILTIN_INTENTS: readonly BuiltinIntent[] = [
  'greet', 'thanks', 'help', 'menu', 'cancel', 'restart', 'change_language', 'human', 'affirm', 'deny', 'status',
  'voice_off', 'voice_on',
];

export interface ScoredIntent {
  /** A service id, a built-in intent, or 'none'. */
  id: string;
  confidence: number;
}

/** What the classifier decided, in the terms the dialog acts on. */
export type Decision =
  | { kind: 'service'; serviceId: string; confidence: number }
  | { kind: 'ambiguous'; serviceIds: string[] }
  | { kind: 'unsure'; serviceId: string; confidence: number }
  | { kind: 'builtin'; intent: BuiltinIntent; confidence: number }
  /** Not understood as a request; `suggestions` are services it faintly resembles, to offer rather than act on. */
  | { kind: 'none'; suggestions?: string[] };

export interface Understanding {
  text: string;
  normalized: string;
  language: Variant;
  /** Ranked, best first, at most 5. */
  intents: ScoredIntent[];
  decision: Decision;
  entities: Entity[];
}

/** What the dialog expects next, so understanding can favour answers to it. */
export interface Expectation {
  fieldType?: string;
  /** Words a valid answer is likely to contain (options, district names), for speech recognisers' prompts. */
  vocabulary?: string[];
}

export interface Nlu {
  understand(text: string, expecting?: Expectation): Promise<Understanding>;
}
