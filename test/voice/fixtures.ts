/**
 * Voice test fixtures, made at test time: espeak-ng speech in English and Odia encoded exactly like a WhatsApp
 * voice note (OGG/Opus, 16 kHz, mono, VoIP mode), and the broken inputs the audio module must refuse.
 * Also a tiny loopback HTTP server for the fake providers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { AudioSource, Language } from '../../src/core.js';
import { findExecutable, runProcess } from '../../src/voice/exec.js';
import { resolveFfmpeg } from '../../src/voice/ffmpeg.js';
import { findPocketsphinx } from '../../src/voice/asr/pocketsphinx.js';

export const tools = {
  ffmpeg: resolveFfmpeg()?.path,
  /** For making fixtures: the static build starts in ~0.05 s where Debian's takes ~0.4 s (same Opus encoder). */
  fixtureFfmpeg: resolveFfmpeg(undefined, '/nonexistent')?.path ?? resolveFfmpeg()?.path,
  espeak: findExecutable('espeak-ng'),
  pocketsphinx: findPocketsphinx(),
};

export const missingTools = [
  !tools.ffmpeg && 'ffmpeg',
  !tools.espeak && 'espeak-ng',
].filter(Boolean) as string[];

if (missingTools.length > 0) {
  console.warn(`voice tests skipped: ${missingTools.join(', ')} not installed (apt-get install ffmpeg espeak-ng)`);
}

/** How WhatsApp encodes a voice note. */
const WHATSAPP_VOICE = ['-c:a', 'libopus', '-ar', '16000', '-ac', '1', '-b:a', '16k', '-application', 'voip', '-f', 'ogg'];

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'voice-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function ffmpeg(args: string[], output: string, timeoutMs = 30_000): Promise<Buffer> {
  await runProcess(tools.fixtureFfmpeg!, ['-hide_banner', '-loglevel', 'error', '-y', ...args, output], { timeoutMs });
  return readFileSync(output);
}

/** espeak-ng WAV of `text` (Odia with `-v or`, English with `-v en-us`). */
export async function espeakWav(text: string, language: Language, speed = 140): Promise<Buffer> {
  const { stdout } = await runProcess(tools.espeak!, ['-v', language === 'or' ? 'or' : 'en-us', '-s', String(speed), '-b', '1', '--stdout', '--stdin'], {
    stdin: text,
    timeoutMs: 20_000,
  });
  return stdout;
}

/** `text` spoken by espeak-ng, as a WhatsApp voice note. */
export async function voiceNote(dir: string, name: string, text: string, language: Language): Promise<Buffer> {
  const wav = join(dir, `${name}.wav`);
  writeFileSync(wav, await espeakWav(text, language));
  return ffmpeg(['-i', wav, ...WHATSAPP_VOICE], join(dir, `${name}.ogg`));
}

/** `seconds` of digital silence as a voice note. */
export function silentNote(dir: string, seconds: number): Promise<Buffer> {
  return ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', String(seconds), ...WHATSAPP_VOICE], join(dir, 'silent.ogg'));
}

/** A long voice note of a tone (fast settings: 20 minutes encode in about 2 s). */
export function longNote(dir: string, seconds: number): Promise<Buffer> {
  return ffmpeg(
    [
      '-f', 'lavfi', '-i', `sine=frequency=300:sample_rate=8000:duration=${seconds}`,
      '-c:a', 'libopus', '-ar', '16000', '-ac', '1', '-b:a', '6k', '-compression_level', '0', '-frame_duration', '60',
      '-application', 'voip', '-f', 'ogg',
    ],
    join(dir, 'long.ogg'),
  );
}

/** `seconds` of English speech (a phrase repeated), as a voice note. */
export async function speechNote(dir: string, seconds: number): Promise<Buffer> {
  const wav = join(dir, 'phrase.wav');
  writeFileSync(wav, await espeakWav('I want to apply for a birth certificate for my daughter.', 'en'));
  return ffmpeg(['-stream_loop', '-1', '-i', wav, '-t', String(seconds), ...WHATSAPP_VOICE], join(dir, `speech-${seconds}.ogg`));
}

/** Other containers WhatsApp users send (m4a/aac from iPhones, amr from old phones, mp3 forwards). */
export function transcode(dir: string, input: Buffer, name: string, args: string[]): Promise<Buffer> {
  const source = join(dir, `${name}-source.ogg`);
  writeFileSync(source, input);
  return ffmpeg(['-i', source, ...args], join(dir, name));
}

/** An HLS playlist pointing at a local file, saved with a voice note's name and type. */
export function playlistDisguisedAsOgg(target: string): Buffer {
  return Buffer.from(`#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile://${target}\n#EXT-X-ENDLIST\n`);
}

/** An Ogg page header followed by deterministic noise: looks like a voice note, decodes to nothing. */
export function corruptOgg(bytes = 4000): Buffer {
  const out = Buffer.alloc(bytes);
  out.write('OggS', 0, 'ascii');
  let x = 12345;
  for (let i = 4; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 0xff;
  }
  return out;
}

export function source(data: Buffer, mimeType = 'audio/ogg; codecs=opus'): AudioSource & { fetches: number } {
  const src = {
    mimeType,
    fetches: 0,
    async fetch() {
      src.fetches++;
      return data;
    },
  };
  return src;
}

export function config(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}

export const silentLog = createLogger('silent');

/** OGG/Opus check: first page is an Ogg page whose packet is an OpusHead with one channel. */
export function isOggOpusMono(data: Buffer): boolean {
  const head = data.indexOf('OpusHead');
  return data.subarray(0, 4).toString('ascii') === 'OggS' && head > 0 && head < 100 && data[head + 9] === 1;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1; `handle` answers each request (its body already read). */
export async function fakeServer(handle: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      Promise.resolve(handle(recorded, res)).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(err) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Parse a recorded multipart/form-data body with the platform's own parser. */
export async function formData(req: RecordedRequest): Promise<FormData> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request('http://fake/', { method: 'POST', headers, body: new Uint8Array(req.body) }).formData();
}

/** Sample rate and channel count from a WAV header. */
export function wavFormat(wav: Buffer): { sampleRate: number; channels: number; bits: number } {
  return { channels: wav.readUInt16LE(22), sampleRate: wav.readUInt32LE(24), bits: wav.readUInt16LE(34) };
}
