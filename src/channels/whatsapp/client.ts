/**
 * The Graph API calls the channel makes, with fetch: send a message, mark one read (with the typing
 * indicator), look up / download / upload media. Failures are thrown as GraphApiError carrying Meta's
 * error code (and the HTTP status), or MediaError for a download that is too large or corrupt.
 */
import { createHash } from 'node:crypto';
import { whatsappLimits } from '../../config.js';
import type { GraphMessage } from './render.js';

export interface GraphClientOptions {
  /** Base URL including the version, e.g. https://graph.facebook.com/v23.0 (no trailing slash). */
  apiUrl: string;
  accessToken: string;
  phoneNumberId: string;
  /** Per-request time limit for JSON calls. */
  timeoutMs?: number;
  /** Time limit for a whole media download or upload. */
  mediaTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** A call the Graph API refused, or that never got an answer (status 0). */
export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  constructor(
    message: string,
    /** HTTP status; 0 when there was no response (network error, timeout). */
    readonly status: number,
    /** Meta's error code (error.code), when the response carried one. */
    readonly code: number | undefined,
    readonly details?: string,
    /** From a Retry-After header, when present. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type MediaFailure = 'too_large' | 'corrupt' | 'failed';

/** A media download that cannot be used; `reason` uses the voice pipeline's failure names. */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  constructor(
    readonly reason: MediaFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface MediaInfo {
  id: string;
  url: string;
  mimeType: string;
  sha256?: string;
  /** Declared size in bytes (Meta sends a string or a number). */
  fileSize?: number;
}

/** Codes worth retrying later: throughput, pair rate limit, maintenance, transient service errors. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 131057, 133004]);
/** Meta's "too many messages to this one citizen": about one message per 6 s to them. */
export const PAIR_RATE_LIMIT = 131056;
/** The access token is invalid or expired: nothing can be sent until an operator replaces it. */
export const TOKEN_INVALID = 190;

/** A read receipt is a courtesy: never hold a reply up for long waiting on one. */
const MARK_READ_TIMEOUT_MS = 5_000;

export type ErrorDisposition = 'retry' | 'pair_rate_limit' | 'token_invalid' | 'permanent';

/** What the sender should do after `error`. */
export function disposition(error: unknown): ErrorDisposition {
  if (!(error instanceof GraphApiError)) return 'permanent';
  if (error.code === PAIR_RATE_LIMIT) return 'pair_rate_limit';
  if (error.code === TOKEN_INVALID) return 'token_invalid';
  if (error.code !== undefined && RETRYABLE_CODES.has(error.code)) return 'retry';
  if (error.status === 0 || error.status === 429 || error.status >= 500) return 'retry';
  return 'permanent';
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Meta's sha256 is lowercase hex; accept base64 too. */
function sameDigest(digest: Buffer, declared: string): boolean {
  const d = declared.trim();
  return d.toLowerCase() === digest.toString('hex') || d === digest.toString('base64');
}

export class GraphClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly mediaTimeoutMs: number;

  constructor(private readonly options: GraphClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.mediaTimeoutMs = options.mediaTimeoutMs ?? 60_000;
  }

  private get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.options.accessToken}` };
  }

  private url(path: string): string {
    return `${this.options.apiUrl.replace(/\/+$/, '')}/${path}`;
  }

  /** One JSON call; resolves with the parsed body, throws GraphApiError for anything else. */
  private async call(url: string, init: RequestInit, timeoutMs = this.timeoutMs): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await this.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      throw new GraphApiError(`Graph API unreachable: ${(cause as Error).message}`, 0, undefined, undefined, undefined, { cause });
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (response.ok && body !== undefined) return asRecord(body);
    const error = asRecord(asRecord(body).error);
    const code = typeof error.code === 'number' ? error.code : Number.isFinite(Number(error.code)) && error.code !== undefined ? Number(error.code) : undefined;
    const details = asRecord(error.error_data).details;
    throw new GraphApiError(
      typeof error.message === 'string' ? error.message : `Graph API answered ${response.status}`,
      response.ok ? 502 : response.status,
      code,
      typeof details === 'string' ? details : undefined,
      retryAfter(response),
    );
  }

  /** Send one message; resolves with the wamid WhatsApp gave it. */
  async sendMessage(payload: GraphMessage): Promise<{ id: string }> {
    const body = await this.call(this.url(`${this.options.phoneNumberId}/messages`), {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const id = asRecord(Array.isArray(body.messages) ? body.messages[0] : undefined).id;
    if (typeof id !== 'string') throw new GraphApiError('Graph API accepted a message without an id', 502, undefined);
    return { id };
  }

  /** Mark an inbound message read; with `typing`, show the typing indicator (until we reply, at most 25 s). */
  async markRead(messageId: string, typing: boolean): Promise<void> {
    await this.call(this.url(`${this.options.phoneNumberId}/messages`), {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: messageId,
        ...(typing ? { typing_indicator: { type: 'text' } } : {}),
      }),
    }, Math.min(this.timeoutMs, MARK_READ_TIMEOUT_MS));
  }

  /** GET /{media-id}: where to download it (the URL lasts about 5 minutes) and what it should be. */
  async mediaInfo(mediaId: string): Promise<MediaInfo> {
    const query = new URLSearchParams({ phone_number_id: this.options.phoneNumberId });
    const body = await this.call(this.url(`${encodeURIComponent(mediaId)}?${query}`), { headers: this.auth });
    if (typeof body.url !== 'string') throw new GraphApiError('Graph API gave no media URL', 502, undefined);
    const size = Number(body.file_size);
    return {
      id: typeof body.id === 'string' ? body.id : mediaId,
      url: body.url,
      mimeType: typeof body.mime_type === 'string' ? body.mime_type : 'application/octet-stream',
      ...(typeof body.sha256 === 'string' ? { sha256: body.sha256 } : {}),
      ...(body.file_size !== undefined && Number.isFinite(size) ? { fileSize: size } : {}),
    };
  }

  /**
   * Download media: the size is checked against `maxBytes` before (declared size, Content-Length) and
   * while streaming, and the sha256 against both Meta's metadata and `expectedSha256` (from the webhook).
   */
  async downloadMedia(
    mediaId: string,
    options: { maxBytes?: number; expectedSha256?: string } = {},
  ): Promise<{ bytes: Buffer; mimeType: string }> {
    const maxBytes = options.maxBytes ?? whatsappLimits.mediaBytes;
    const info = await this.mediaInfo(mediaId);
    if (info.fileSize !== undefined && info.fileSize > maxBytes) {
      throw new MediaError('too_large', `media declared ${info.fileSize} bytes, over ${maxBytes}`);
    }
    let response: Response;
    try {
      response = await this.fetch(info.url, { headers: this.auth, signal: AbortSignal.timeout(this.mediaTimeoutMs) });
    } catch (cause) {
      throw new GraphApiError(`media download failed: ${(cause as Error).message}`, 0, undefined, undefined, undefined, { cause });
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new GraphApiError(`media download answered ${response.status}`, response.status || 502, undefined);
    }
    const declared = Number(response.headers.get('content-length'));
    if (response.headers.has('content-length') && Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new MediaError('too_large', `media is ${declared} bytes, over ${maxBytes}`);
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let received = 0;
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new MediaError('too_large', `media exceeded ${maxBytes} bytes while downloading`);
        }
        hash.update(value);
        chunks.push(Buffer.from(value));
      }
    } catch (error) {
      if (error instanceof MediaError) throw error;
      throw new MediaError('failed', `media download interrupted: ${(error as Error).message}`, { cause: error });
    }
    const digest = hash.digest();
    for (const declaredHash of [info.sha256, options.expectedSha256]) {
      if (declaredHash && !sameDigest(digest, declaredHash)) throw new MediaError('corrupt', 'media sha256 does not match');
    }
    return { bytes: Buffer.concat(chunks, received), mimeType: info.mimeType || response.headers.get('content-type') || 'application/octet-stream' };
  }

  /** POST /{phone-number-id}/media (multipart); resolves with the media id to send. */
  async uploadMedia(bytes: Buffer, mimeType: string, filename: string): Promise<string> {
    const type = mimeType.split(';')[0]!.trim();
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', type);
    form.set('file', new Blob([new Uint8Array(bytes)], { type }), filename);
    const body = await this.call(
      this.url(`${this.options.phoneNumberId}/media`),
      { method: 'POST', headers: this.auth, body: form },
      this.mediaTimeoutMs,
    );
    if (typeof body.id !== 'string') throw new GraphApiError('Graph API gave no media id', 502, undefined);
    return body.id;
  }
}
