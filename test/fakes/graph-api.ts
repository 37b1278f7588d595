/**
 * A fake WhatsApp Graph API on loopback (real HTTP), answering like Meta: it checks the bearer token,
 * validates every message payload against WhatsApp's limits (recording violations and answering 131009),
 * records sends, read receipts and uploads, answers with Meta's error envelopes on demand (HTTP 500,
 * 130429, 131056, 131047, 190, …), and serves media metadata plus a download URL that needs the token.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';

export const VERSION = 'v23.0';

export interface SentMessage {
  id: string;
  to: string;
  type: string;
  payload: Record<string, any>;
}

export interface ReadReceipt {
  messageId: string;
  typing: boolean;
}

/** A Meta error code to answer with, a bare HTTP failure, or 'ok' to let one send through. */
export type Failure = number | { http: number } | 'ok';

interface StoredMedia {
  bytes: Buffer;
  mimeType: string;
  sha256: string;
  declaredSize: string | number;
  /** Serve without Content-Length (chunked), so only the streamed byte count can reveal the size. */
  chunked: boolean;
}

const ENVELOPES: Record<number, { http: number; message: string; details?: string }> = {
  100: { http: 400, message: '(#100) Invalid parameter', details: 'Invalid parameter' },
  130429: { http: 400, message: '(#130429) Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  131009: { http: 400, message: '(#131009) Parameter value is not valid', details: 'Parameter value is not valid' },
  131026: { http: 400, message: '(#131026) Message undeliverable', details: 'Message Undeliverable.' },
  131047: { http: 400, message: '(#131047) Re-engagement message', details: 'More than 24 hours have passed since the customer last replied.' },
  131056: {
    http: 400,
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    details: 'Too many messages sent from this phone number to the same phone number in a short period of time.',
  },
  131057: { http: 400, message: '(#131057) Account in maintenance mode', details: 'Business Account is in maintenance mode' },
  190: { http: 401, message: 'Error validating access token: Session has expired.' },
};

function envelope(code: number, details?: string) {
  const known = ENVELOPES[code] ?? { http: 400, message: `(#${code}) Error` };
  return {
    status: known.http,
    body: {
      error: {
        message: known.message,
        type: 'OAuthException',
        code,
        ...(code === 190 ? { error_subcode: 463 } : { error_data: { messaging_product: 'whatsapp', details: details ?? known.details } }),
        fbtrace_id: `Fake${Math.random().toString(36).slice(2, 12)}`,
      },
    },
  };
}

const len = (s: unknown): number => (typeof s === 'string' ? s.length : -1);

/** Meta's limits for one /messages payload; returns the problems (empty when valid). */
export function validateMessage(p: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(p?.messaging_product === 'whatsapp', 'messaging_product must be "whatsapp"');
  if (p?.status === 'read') {
    check(typeof p.message_id === 'string' && p.message_id.length > 0, 'read: message_id required');
    if (p.typing_indicator !== undefined) check(p.typing_indicator?.type === 'text', 'typing_indicator.type must be "text"');
    return problems;
  }
  check(typeof p?.to === 'string' && /^\+?\d{6,15}$/.test(p.to), 'to must be a phone number');
  switch (p?.type) {
    case 'text':
      check(len(p.text?.body) >= 1 && len(p.text.body) <= 4096, `text.body length ${len(p.text?.body)} not in 1..4096`);
      check(typeof p.text?.body === 'string' && p.text.body.trim() !== '', 'text.body blank');
      break;
    case 'audio':
      check(typeof p.audio?.id === 'string' || typeof p.audio?.link === 'string', 'audio needs id or link');
      if (p.audio?.voice !== undefined) check(typeof p.audio.voice === 'boolean', 'audio.voice must be boolean');
      break;
    case 'interactive': {
      const i = p.interactive ?? {};
      check(len(i.body?.text) >= 1, 'interactive.body.text required');
      if (i.header !== undefined) check(i.header.type === 'text' && len(i.header.text) >= 1 && len(i.header.text) <= 60, 'header text 1..60');
      if (i.footer !== undefined) check(len(i.footer.text) >= 1 && len(i.footer.text) <= 60, 'footer text 1..60');
      if (i.type === 'button') {
        check(len(i.body?.text) <= 1024, `button body length ${len(i.body?.text)} > 1024`);
        const buttons: any[] = Array.isArray(i.action?.buttons) ? i.action.buttons : [];
        check(buttons.length >= 1 && buttons.length <= 3, `button count ${buttons.length} not in 1..3`);
        for (const b of buttons) {
          check(b.type === 'reply', 'button type must be reply');
          check(len(b.reply?.title) >= 1 && len(b.reply.title) <= 20, `button title "${b.reply?.title}" not in 1..20`);
          check(len(b.reply?.id) >= 1 && len(b.reply.id) <= 256, 'button id not in 1..256');
        }
        check(new Set(buttons.map((b) => b.reply?.title)).size === buttons.length, 'button titles must be unique');
        check(new Set(buttons.map((b) => b.reply?.id)).size === buttons.length, 'button ids must be unique');
      } else if (i.type === 'list') {
        check(len(i.body?.text) <= 1024, `list body length ${len(i.body?.text)} > 1024`);
        check(len(i.action?.button) >= 1 && len(i.action.button) <= 20, `list button "${i.action?.button}" not in 1..20`);
        const sections: any[] = Array.isArray(i.action?.sections) ? i.action.sections : [];
        check(sections.length >= 1 && sections.length <= 10, `section count ${sections.length} not in 1..10`);
        const rows = sections.flatMap((s) => (Array.isArray(s.rows) ? s.rows : []));
        check(rows.length >= 1 && rows.length <= 10, `row count ${rows.length} not in 1..10`);
        for (const s of sections) {
          check(Array.isArray(s.rows) && s.rows.length >= 1, 'section without rows');
          if (sections.length > 1) check(len(s.title) >= 1, 'section title required with several sections');
          if (s.title !== undefined) check(len(s.title) >= 1 && len(s.title) <= 24, `section title "${s.title}" not in 1..24`);
        }
        for (const r of rows) {
          check(len(r.title) >= 1 && len(r.title) <= 24, `row title "${r.title}" not in 1..24`);
          check(len(r.id) >= 1 && len(r.id) <= 200, 'row id not in 1..200');
          if (r.description !== undefined) check(len(r.description) <= 72, `row description length ${len(r.description)} > 72`);
        }
        check(new Set(rows.map((r) => r.id)).size === rows.length, 'row ids must be unique');
      } else {
        problems.push(`interactive type ${i.type} not supported by the fake`);
      }
      break;
    }
    default:
      problems.push(`message type ${p?.type} not supported by the fake`);
  }
  return problems;
}

export class FakeGraphApi {
  readonly sent: SentMessage[] = [];
  readonly reads: ReadReceipt[] = [];
  readonly violations: string[] = [];
  readonly uploads: { id: string; mimeType: string; type: string; bytes: Buffer }[] = [];
  /** Every call, as "METHOD path", including refused ones. */
  readonly calls: string[] = [];
  /** Every POST /messages that was a message (not a read receipt), including refused ones. */
  readonly attempts: Record<string, any>[] = [];
  private readonly failures: Failure[] = [];
  private readonly media = new Map<string, StoredMedia>();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly token: string,
    readonly phoneNumberId: string,
  ) {}

  /** Base URL with version, as WHATSAPP_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/${VERSION}`;
  }

  static async start(options: { token?: string; phoneNumberId?: string } = {}): Promise<FakeGraphApi> {
    const token = options.token ?? 'test-access-token';
    const phoneNumberId = options.phoneNumberId ?? '106540352242922';
    const app = new Hono();
    // eslint-disable-next-line prefer-const -- assigned once the server is listening, read by the routes above
    let fake: FakeGraphApi | undefined;
    app.all('*', async (c, next) => {
      fake!.calls.push(`${c.req.method} ${new URL(c.req.url).pathname}`);
      if (c.req.header('authorization') !== `Bearer ${fake!.token}`) {
        const e = envelope(190);
        return c.json(e.body, e.status as 401);
      }
      return next();
    });
    app.post(`/${VERSION}/:phone/messages`, (c) => fake!.onMessage(c));
    app.post(`/${VERSION}/:phone/media`, (c) => fake!.onUpload(c));
    app.get(`/${VERSION}/:mediaId`, (c) => fake!.onMediaInfo(c));
    app.get('/media-download/:mediaId', (c) => fake!.onDownload(c));
    const { server, port } = await new Promise<{ server: Server; port: number }>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server: s as Server, port: info.port }));
    });
    fake = new FakeGraphApi(server, `http://127.0.0.1:${port}`, token, phoneNumberId);
    return fake;
  }

  /** The next message sends fail like this, in order (read receipts are not affected). */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  /** Serve `bytes` as media; `declaredSize`/`sha256` override what the metadata claims. */
  addMedia(bytes: Buffer, mimeType: string, options: { declaredSize?: string | number; sha256?: string; chunked?: boolean } = {}): string {
    const id = String(1037543291540000 + ++this.seq);
    this.media.set(id, {
      bytes,
      mimeType,
      sha256: options.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
      declaredSize: options.declaredSize ?? String(bytes.length),
      chunked: options.chunked ?? false,
    });
    return id;
  }

  /** Resolves with the sends once there are at least `count`, or rejects after `timeoutMs`. */
  async waitForSent(count: number, timeoutMs = 4000): Promise<SentMessage[]> {
    const until = Date.now() + timeoutMs;
    while (this.sent.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} sends, got ${this.sent.length}: ${JSON.stringify(this.sent.map((s) => s.payload))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.sent.slice();
  }

  sentTo(waId: string): SentMessage[] {
    return this.sent.filter((s) => s.to === waId);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      (this.server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  }

  private async onMessage(c: Context) {
    let payload: any;
    try {
      payload = await c.req.json();
    } catch {
      const e = envelope(100, 'Request body is not JSON');
      return c.json(e.body, e.status as 400);
    }
    const problems = validateMessage(payload);
    if (problems.length > 0) {
      this.violations.push(...problems);
      const e = envelope(131009, problems.join('; '));
      return c.json(e.body, e.status as 400);
    }
    if (payload.status === 'read') {
      this.reads.push({ messageId: payload.message_id, typing: payload.typing_indicator?.type === 'text' });
      return c.json({ success: true });
    }
    this.attempts.push(payload);
    const failure = this.failures.shift();
    if (failure !== undefined && failure !== 'ok') {
      if (typeof failure === 'number') {
        const e = envelope(failure);
        return c.json(e.body, e.status as 400);
      }
      return c.json(
        { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true, fbtrace_id: 'FakeTrace' } },
        failure.http as 500,
      );
    }
    const id = `wamid.FAKE${(++this.seq).toString().padStart(8, '0')}`;
    this.sent.push({ id, to: String(payload.to).replace(/^\+/, ''), type: payload.type, payload });
    return c.json({ messaging_product: 'whatsapp', contacts: [{ input: payload.to, wa_id: String(payload.to).replace(/^\+/, '') }], messages: [{ id }] });
  }

  private async onUpload(c: Context) {
    const form = await c.req.parseBody();
    const file = form['file'];
    if (form['messaging_product'] !== 'whatsapp' || !(file instanceof File) || typeof form['type'] !== 'string') {
      const e = envelope(100, 'messaging_product, type and file are required');
      return c.json(e.body, e.status as 400);
    }
    const id = String(1191923472450000 + ++this.seq);
    this.uploads.push({ id, mimeType: file.type, type: form['type'], bytes: Buffer.from(await file.arrayBuffer()) });
    return c.json({ id });
  }

  private onMediaInfo(c: Context) {
    const id = c.req.param('mediaId')!;
    const media = this.media.get(id);
    if (!media) {
      const e = envelope(100, 'Unsupported get request. Object does not exist');
      return c.json(e.body, e.status as 400);
    }
    return c.json({
      messaging_product: 'whatsapp',
      url: `${this.origin}/media-download/${id}?ext=${Date.now()}&hash=fake`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.declaredSize,
      id,
    });
  }

  private onDownload(c: Context) {
    const media = this.media.get(c.req.param('mediaId')!);
    if (!media) return c.text('Not found', 404);
    if (!media.chunked) {
      return new Response(new Uint8Array(media.bytes), { headers: { 'content-type': media.mimeType, 'content-length': String(media.bytes.length) } });
    }
    const chunkSize = 64 * 1024;
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= media.bytes.length) return controller.close();
        controller.enqueue(new Uint8Array(media.bytes.subarray(offset, offset + chunkSize)));
        offset += chunkSize;
      },
    });
    return new Response(body, { headers: { 'content-type': media.mimeType } });
  }
}
