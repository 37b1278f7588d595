/**
 * The web simulator channel: a WhatsApp-like chat page at `/` and the JSON API it talks to. It turns the
 * page's requests into `Inbound` events and returns the pipeline's replies as they are (no platform limits
 * to render for, but the replies already respect WhatsApp's).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Inbound } from '../../core.js';
import type { Translator } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import type { Pipeline } from '../../pipeline.js';
import type { Store } from '../../store/repository.js';

const CHANNEL = 'simulator';
const MAX_AUDIO_BYTES = 16 * 1024 * 1024;

const messageSchema = z.object({
  userId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  messageId: z.string().min(1).max(128).optional(),
  text: z.string().max(4096).optional(),
  choice: z.object({ id: z.string().min(1).max(256), title: z.string().max(100) }).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().max(200).optional(), address: z.string().max(300).optional() }).optional(),
});

const page = readFileSync(new URL('./page.html', import.meta.url), 'utf8');

export function simulatorRoutes(deps: { pipeline: () => Pipeline | undefined; store: Store; i18n: Translator; log: Logger }): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(page));

  app.post('/api/simulator/message', async (c) => {
    const pipeline = deps.pipeline();
    if (!pipeline) return c.json({ error: 'The bot is still starting (training its model). Try again in a minute.' }, 503);
    const parsed = messageSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'Invalid message', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 400);
    const m = parsed.data;
    const base = { channel: CHANNEL, userId: m.userId, messageId: m.messageId ?? randomUUID(), timestamp: new Date() };
    let inbound: Inbound;
    if (m.choice) inbound = { ...base, kind: 'choice', id: m.choice.id, title: m.choice.title };
    else if (m.location) inbound = { ...base, kind: 'location', ...m.location };
    else if (m.text !== undefined && m.text.trim()) inbound = { ...base, kind: 'text', text: m.text };
    else return c.json({ error: 'Send text, a choice or a location' }, 400);
    const result = await pipeline.handle(inbound);
    return c.json({ duplicate: result.duplicate, language: result.language, replies: result.replies });
  });

  app.post('/api/simulator/voice', async (c) => {
    const pipeline = deps.pipeline();
    if (!pipeline) return c.json({ error: 'The bot is still starting. Try again in a minute.' }, 503);
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_AUDIO_BYTES + 64 * 1024) return c.json({ error: 'Voice note too large (16 MB at most)' }, 413);
    const form = await c.req.formData().catch(() => undefined);
    const userId = form?.get('userId');
    const audio = form?.get('audio');
    if (typeof userId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(userId) || !(audio instanceof File)) {
      return c.json({ error: 'Send multipart form data with userId and an audio file' }, 400);
    }
    if (audio.size > MAX_AUDIO_BYTES) return c.json({ error: 'Voice note too large (16 MB at most)' }, 413);
    const bytes = Buffer.from(await audio.arrayBuffer());
    const result = await pipeline.handle({
      channel: CHANNEL,
      userId,
      messageId: randomUUID(),
      timestamp: new Date(),
      kind: 'voice',
      audio: { mimeType: audio.type || 'application/octet-stream', fetch: async () => bytes },
    });
    return c.json({ duplicate: result.duplicate, language: result.language, replies: result.replies });
  });

  return app;
}
