/**
 * Meta's webhook signature: `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw request bytes
 * keyed with the app secret. Checked over the bytes exactly as received (Meta escapes non-ASCII as \uXXXX,
 * so re-serialised JSON would differ), with a constant-time comparison.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/** True only when `header` is a well-formed signature of `raw` under `appSecret`. */
export function verifySignature(raw: Uint8Array, header: string | undefined | null, appSecret: string): boolean {
  const match = header ? HEADER.exec(header.trim()) : null;
  if (!match) return false;
  const received = Buffer.from(match[1]!, 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
