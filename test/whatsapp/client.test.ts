import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposition, GraphApiError, GraphClient, MediaError } from '../../src/channels/whatsapp/client.js';
import { renderReply } from '../../src/channels/whatsapp/render.js';
import { FakeGraphApi } from '../fakes/graph-api.js';

let graph: FakeGraphApi;
let client: GraphClient;

beforeAll(async () => {
  graph = await FakeGraphApi.start();
  client = new GraphClient({ apiUrl: graph.apiUrl, accessToken: graph.token, phoneNumberId: graph.phoneNumberId });
});
afterAll(() => graph.close());

const caught = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('GraphClient', () => {
  it('sends a message and returns its wamid', async () => {
    const [payload] = renderReply('919437012345', { kind: 'text', text: 'hello' });
    const { id } = await client.sendMessage(payload!);
    expect(id).toMatch(/^wamid\./);
    expect(graph.sent.at(-1)?.payload.text.body).toBe('hello');
  });

  it('marks a message read with the typing indicator', async () => {
    await client.markRead('wamid.ABC', true);
    expect(graph.reads.at(-1)).toEqual({ messageId: 'wamid.ABC', typing: true });
  });

  it('throws typed errors carrying Meta’s code and how to handle it', async () => {
    const [payload] = renderReply('919437012345', { kind: 'text', text: 'x' });
    const cases: [Parameters<FakeGraphApi['failNext']>[0], number, number | undefined, string][] = [
      [{ http: 500 }, 500, 2, 'retry'],
      [130429, 400, 130429, 'retry'],
      [131057, 400, 131057, 'retry'],
      [131056, 400, 131056, 'pair_rate_limit'],
      [131047, 400, 131047, 'permanent'],
      [131026, 400, 131026, 'permanent'],
      [131009, 400, 131009, 'permanent'],
      [100, 400, 100, 'permanent'],
      [190, 401, 190, 'token_invalid'],
    ];
    for (const [failure, status, code, kind] of cases) {
      graph.failNext(failure);
      const error = (await caught(client.sendMessage(payload!))) as GraphApiError;
      expect(error).toBeInstanceOf(GraphApiError);
      expect([error.status, error.code, disposition(error)]).toEqual([status, code, kind]);
    }
    const wrongToken = new GraphClient({ apiUrl: graph.apiUrl, accessToken: 'expired', phoneNumberId: graph.phoneNumberId });
    expect(disposition(await caught(wrongToken.sendMessage(payload!)))).toBe('token_invalid');
    const unreachable = new GraphClient({ apiUrl: 'http://127.0.0.1:1/v23.0', accessToken: 't', phoneNumberId: 'p' });
    const offline = (await caught(unreachable.sendMessage(payload!))) as GraphApiError;
    expect([offline.status, disposition(offline)]).toEqual([0, 'retry']);
  });

  it('downloads media with the bearer token and checks its sha256', async () => {
    const bytes = Buffer.from('OggS voice note bytes');
    const id = graph.addMedia(bytes, 'audio/ogg; codecs=opus');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const media = await client.downloadMedia(id, { expectedSha256: sha });
    expect(media.bytes.equals(bytes)).toBe(true);
    expect(media.mimeType).toBe('audio/ogg; codecs=opus');
    expect(graph.calls).toContain(`GET /v23.0/${id}`);
    // The download URL itself refuses requests without the token.
    const info = await client.mediaInfo(id);
    expect((await fetch(info.url)).status).toBe(401);
  });

  it('refuses media whose hash does not match (metadata or webhook)', async () => {
    const bytes = Buffer.from('tampered');
    const badMeta = graph.addMedia(bytes, 'audio/ogg', { sha256: 'ab'.repeat(32) });
    expect(await caught(client.downloadMedia(badMeta))).toMatchObject({ name: 'MediaError', reason: 'corrupt' });
    const good = graph.addMedia(bytes, 'audio/ogg');
    expect(await caught(client.downloadMedia(good, { expectedSha256: 'cd'.repeat(32) }))).toMatchObject({ reason: 'corrupt' });
    const base64 = createHash('sha256').update(bytes).digest('base64');
    expect((await client.downloadMedia(good, { expectedSha256: base64 })).bytes.equals(bytes)).toBe(true);
  });

  it('enforces the size cap before downloading and while streaming', async () => {
    const big = Buffer.alloc(300_000, 1);
    const declared = graph.addMedia(big, 'audio/ogg', { declaredSize: 17 * 1024 * 1024 });
    const before = graph.calls.length;
    expect(await caught(client.downloadMedia(declared))).toMatchObject({ reason: 'too_large' });
    expect(graph.calls.slice(before).some((c) => c.startsWith('GET /media-download'))).toBe(false);

    const lyingLength = graph.addMedia(big, 'audio/ogg', { declaredSize: '1000' });
    expect(await caught(client.downloadMedia(lyingLength, { maxBytes: 100_000 }))).toMatchObject({ reason: 'too_large' });

    const streamed = graph.addMedia(big, 'audio/ogg', { declaredSize: '1000', chunked: true });
    const error = await caught(client.downloadMedia(streamed, { maxBytes: 100_000 }));
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ reason: 'too_large', message: expect.stringContaining('while downloading') });
  });

  it('uploads media as multipart and returns its id', async () => {
    const id = await client.uploadMedia(Buffer.from('OggS...'), 'audio/ogg; codecs=opus', 'reply.ogg');
    expect(graph.uploads.at(-1)).toMatchObject({ id, type: 'audio/ogg', mimeType: 'audio/ogg' });
    expect(graph.uploads.at(-1)!.bytes.toString()).toBe('OggS...');
  });
});
