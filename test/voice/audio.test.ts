import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AudioError, defaultAudioLimits, encodeVoiceNote, isAllowedMimeType, isSilent, parseSilence, prepareAudio, wavSeconds,
  type AudioLimits,
} from '../../src/voice/audio.js';
import { createFfmpeg, FfmpegError, ffmpegLoad, resolveFfmpeg, type Ffmpeg } from '../../src/voice/ffmpeg.js';
import { runProcess } from '../../src/voice/exec.js';
import {
  corruptOgg, espeakWav, isOggOpusMono, longNote, missingTools, playlistDisguisedAsOgg, silentNote, tempDir,
  tools, transcode, voiceNote,
} from './fixtures.js';

const installerPath = (() => {
  try {
    const path = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
})();

const limits: AudioLimits = { ...defaultAudioLimits, maxSeconds: 120 };

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof AudioError) return err.reason;
    throw err;
  }
}

describe('mime-type allow-list', () => {
  it('accepts what WhatsApp sends and nothing else', () => {
    for (const ok of ['audio/ogg; codecs=opus', 'audio/ogg', 'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/amr', 'AUDIO/OGG']) {
      expect(isAllowedMimeType(ok), ok).toBe(true);
    }
    for (const bad of ['text/plain', 'application/vnd.apple.mpegurl', 'audio/x-mpegurl', 'image/jpeg', 'video/mp4', '']) {
      expect(isAllowedMimeType(bad), bad).toBe(false);
    }
  });

  it('counts an unterminated silence to the end', () => {
    expect(parseSilence(['[silencedetect] silence_start: 1.5'], 4)).toBeCloseTo(2.5);
    expect(parseSilence(['silence_start: 0', 'silence_end: 1 | silence_duration: 1', 'silence_start: 3'], 4)).toBeCloseTo(2);
  });
});

describe.skipIf(missingTools.length > 0)('audio module with real ffmpeg', () => {
  const tmp = tempDir();
  const fx: Record<string, Buffer> = {};
  let ffmpeg: Ffmpeg;

  beforeAll(async () => {
    ffmpeg = createFfmpeg(resolveFfmpeg()!);
    const [en, or, silent, long] = await Promise.all([
      voiceNote(tmp.dir, 'en', 'I want to apply for a birth certificate', 'en'),
      voiceNote(tmp.dir, 'or', 'ମୁଁ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ପାଇଁ ଆବେଦନ କରିବାକୁ ଚାହୁଁଛି', 'or'),
      silentNote(tmp.dir, 3),
      longNote(tmp.dir, 20 * 60),
    ]);
    Object.assign(fx, { en, or, silent, long });
    fx.truncated = en.subarray(0, Math.floor(en.length * 0.5));
    fx.m4a = await transcode(tmp.dir, en, 'voice.m4a', ['-c:a', 'aac', '-b:a', '32k', '-f', 'mp4']);
    fx.mp3 = await transcode(tmp.dir, en, 'voice.mp3', ['-c:a', 'libmp3lame', '-b:a', '32k', '-f', 'mp3']);
  }, 40_000);

  afterAll(() => tmp.cleanup());

  it('decodes an English WhatsApp voice note to 16 kHz mono PCM and measures its speech', async () => {
    const audio = await prepareAudio(ffmpeg, fx.en!, 'audio/ogg; codecs=opus', limits);
    expect(audio.sampleRate).toBe(16_000);
    expect(audio.pcm.length).toBe(Math.round(audio.seconds * 32_000));
    expect(audio.seconds).toBeGreaterThan(1.5);
    expect(audio.seconds).toBeLessThan(6);
    expect(audio.speechSeconds).toBeGreaterThan(1);
    expect(audio.peakDb).toBeGreaterThan(-20);
    expect(audio.source).toMatchObject({ container: 'ogg', codec: 'opus', mimeType: 'audio/ogg' });
    expect(isSilent(audio)).toBe(false);
  });

  it('decodes an Odia voice note, and m4a and mp3 files', async () => {
    const or = await prepareAudio(ffmpeg, fx.or!, 'audio/ogg', limits);
    expect(or.speechSeconds).toBeGreaterThan(1.5);
    const m4a = await prepareAudio(ffmpeg, fx.m4a!, 'audio/mp4', limits);
    expect(m4a.source.codec).toBe('aac');
    expect(m4a.speechSeconds).toBeGreaterThan(1);
    const mp3 = await prepareAudio(ffmpeg, fx.mp3!, 'audio/mpeg', limits);
    expect(mp3.source.codec).toBe('mp3');
    expect(mp3.speechSeconds).toBeGreaterThan(1);
  });

  it('decodes a truncated voice note to the shorter clip it still holds', async () => {
    const full = await prepareAudio(ffmpeg, fx.en!, 'audio/ogg', limits);
    const cut = await prepareAudio(ffmpeg, fx.truncated!, 'audio/ogg', limits);
    expect(cut.seconds).toBeGreaterThan(0.3);
    expect(cut.seconds).toBeLessThan(full.seconds);
  });

  it('reports silence, so no recogniser is called', async () => {
    const audio = await prepareAudio(ffmpeg, fx.silent!, 'audio/ogg', limits);
    expect(audio.seconds).toBeCloseTo(3, 0);
    expect(audio.speechSeconds).toBeLessThan(0.25);
    expect(isSilent(audio)).toBe(true);
  });

  it('refuses corrupt files and an empty one as corrupt', async () => {
    expect(await reason(prepareAudio(ffmpeg, corruptOgg(), 'audio/ogg', limits))).toBe('corrupt');
    // A real voice note's first page, then damage.
    const damaged = Buffer.concat([fx.en!.subarray(0, 120), corruptOgg(6000).subarray(4)]);
    expect(await reason(prepareAudio(ffmpeg, damaged, 'audio/ogg', limits))).toBe('corrupt');
    expect(await reason(prepareAudio(ffmpeg, Buffer.alloc(0), 'audio/ogg', limits))).toBe('corrupt');
  });

  it('refuses a 20-minute voice note as too long without decoding all of it', async () => {
    const started = performance.now();
    expect(await reason(prepareAudio(ffmpeg, fx.long!, 'audio/ogg', limits))).toBe('too_long');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('applies VOICE_MAX_SECONDS', async () => {
    expect(await reason(prepareAudio(ffmpeg, fx.en!, 'audio/ogg', { ...limits, maxSeconds: 1 }))).toBe('too_long');
  });

  it('refuses a text playlist disguised as .ogg, without reading the file it points to', async () => {
    const secret = join(tmp.dir, 'secret.ogg');
    writeFileSync(secret, fx.en!);
    const playlist = playlistDisguisedAsOgg(secret);
    expect(await reason(prepareAudio(ffmpeg, playlist, 'audio/ogg', limits))).toBe('unsupported_format');
    // The same through the runner directly: ffmpeg names the whitelist as the reason.
    const path = join(tmp.dir, 'playlist.ogg');
    writeFileSync(path, playlist);
    const error = await ffmpeg.run({ input: path, outputOptions: ['-f', 's16le'], output: join(tmp.dir, 'out.pcm'), timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    expect((error as FfmpegError).stderr.join('\n')).toMatch(/not on whitelist/);
    expect(existsSync(join(tmp.dir, 'out.pcm'))).toBe(false);
  });

  it('refuses disallowed types and files over 16 MB before running ffmpeg', async () => {
    expect(await reason(prepareAudio(ffmpeg, fx.en!, 'text/plain', limits))).toBe('unsupported_format');
    expect(await reason(prepareAudio(ffmpeg, Buffer.alloc(16 * 1024 * 1024 + 1), 'audio/ogg', limits))).toBe('too_large');
  });

  it('kills ffmpeg after the timeout', async () => {
    const input = join(tmp.dir, 'slow.ogg');
    writeFileSync(input, fx.long!);
    const started = performance.now();
    // -re reads at real-time speed: this run would take 20 minutes.
    const error = await ffmpeg
      .run({ input, inputOptions: ['-re'], outputOptions: ['-f', 's16le'], output: join(tmp.dir, 'slow.pcm'), timeoutMs: 700 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    expect((error as FfmpegError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 200));
    const { stdout } = await runProcess('ps', ['-eo', 'args'], { timeoutMs: 5_000 });
    expect(stdout.toString()).not.toContain(join(tmp.dir, 'slow.pcm'));
  });

  it('runs at most 2 ffmpeg processes at once', async () => {
    let max = 0;
    const timer = setInterval(() => (max = Math.max(max, ffmpegLoad().active)), 2);
    const results = await Promise.all(Array.from({ length: 5 }, () => prepareAudio(ffmpeg, fx.en!, 'audio/ogg', limits)));
    clearInterval(timer);
    expect(results).toHaveLength(5);
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(2);
  }, 20_000);

  it('encodes speech as a voice note (OGG/Opus mono) within the byte budget', async () => {
    const wav = await espeakWav('Your application for a birth certificate has been received. The reference is O D R D M 2026.', 'en');
    const note = await encodeVoiceNote(ffmpeg, wav, { maxBytes: 512 * 1024, timeoutMs: 10_000, seconds: wavSeconds(wav) });
    expect(isOggOpusMono(note)).toBe(true);
    expect(note.length).toBeLessThan(512 * 1024);
    const back = await prepareAudio(ffmpeg, note, 'audio/ogg', limits);
    expect(back.seconds).toBeCloseTo(wavSeconds(wav)!, 0);
    // Duration known: the bitrate is chosen to fit in one pass.
    const fitted = await encodeVoiceNote(ffmpeg, wav, { maxBytes: 8_000, timeoutMs: 10_000, seconds: wavSeconds(wav) });
    expect(fitted.length).toBeLessThanOrEqual(8_000);
    // Duration unknown and a budget even the lowest bitrate cannot meet: the bitrate drops, then the audio is cut.
    const small = await encodeVoiceNote(ffmpeg, wav, { maxBytes: 3_000, timeoutMs: 10_000 });
    expect(small.length).toBeLessThanOrEqual(3_000);
    expect(isOggOpusMono(small)).toBe(true);
  }, 20_000);

  it.skipIf(!installerPath)('works the same with the @ffmpeg-installer static binary', async () => {
    const installer = createFfmpeg({ path: installerPath!, source: '@ffmpeg-installer' });
    const audio = await prepareAudio(installer, fx.en!, 'audio/ogg', limits);
    expect(audio.speechSeconds).toBeGreaterThan(1);
    expect(await reason(prepareAudio(installer, playlistDisguisedAsOgg(join(tmp.dir, 'secret.ogg')), 'audio/ogg', limits))).toBe('unsupported_format');
    expect(await reason(prepareAudio(installer, fx.long!, 'audio/ogg', limits))).toBe('too_long');
    // The static build can encode AMR-NB, the format of old phones: decode it back.
    const source = join(tmp.dir, 'for-amr.ogg');
    const target = join(tmp.dir, 'voice.amr');
    writeFileSync(source, fx.en!);
    await runProcess(installerPath!, ['-hide_banner', '-loglevel', 'error', '-y', '-i', source, '-c:a', 'libopencore_amrnb', '-ar', '8000', '-ac', '1', '-b:a', '12.2k', '-f', 'amr', target], { timeoutMs: 10_000 });
    const amr = readFileSync(target);
    const decoded = await prepareAudio(installer, amr, 'audio/amr', limits);
    expect(decoded.source.codec).toMatch(/amr/);
    expect(decoded.speechSeconds).toBeGreaterThan(1);
  });
});

describe('ffmpeg binary resolution', () => {
  it('prefers FFMPEG_PATH, then PATH, then @ffmpeg-installer', () => {
    if (tools.ffmpeg) expect(resolveFfmpeg(tools.ffmpeg)).toEqual({ path: tools.ffmpeg, source: 'FFMPEG_PATH' });
    expect(resolveFfmpeg('/nonexistent/ffmpeg')).toBeUndefined();
    const onPath = resolveFfmpeg(undefined, process.env.PATH);
    if (onPath?.source === 'PATH') expect(onPath.path).toMatch(/ffmpeg$/);
    const withoutPath = resolveFfmpeg(undefined, '/nonexistent');
    if (installerPath) expect(withoutPath).toEqual({ path: installerPath, source: '@ffmpeg-installer' });
    else expect(withoutPath).toBeUndefined();
  });
});
