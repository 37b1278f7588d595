/**
 * Logging with pino. Personal data never reaches a log line: known secret fields are censored by path,
 * and every string is scrubbed of Aadhaar-like and phone-like digit runs before it is written.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const AADHAAR = /(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)/g;
const PHONE = /(?<![\d\w])(?:\+?91[ -]?)?[6-9]\d{4}[ -]?\d{5}(?!\d)/g;
const LONG_DIGITS = /(?<!\d)\d{10,15}(?!\d)/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

/** Mask personal numbers and tokens inside free text. */
export function scrub(text: string): string {
  return text
    .replace(BEARER, '$1[redacted]')
    .replace(AADHAAR, '[aadhaar]')
    .replace(PHONE, '[phone]')
    .replace(LONG_DIGITS, '[number]');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

const redactPaths = [
  'token', 'accessToken', 'appSecret', 'apiKey', 'password', 'authorization', 'aadhaar', 'mobile', 'phone',
  '*.token', '*.accessToken', '*.appSecret', '*.apiKey', '*.password', '*.authorization', '*.aadhaar',
  '*.mobile', '*.phone', 'headers.authorization', 'req.headers.authorization', 'fields.aadhaar', 'fields.mobile',
];

/** Create the root logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}
