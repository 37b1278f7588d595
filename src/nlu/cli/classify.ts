/**
 * `npm run --silent classify`: JSON lines `{"id", "text"}` on stdin → one JSON line each on stdout, in the
 * same order: `{"id", "intent", "confidence", "language", "alternatives": [{"intent", "confidence"}…]}`.
 * `intent` is what the bot acts on: a service id, a built-in intent, or "none". Nothing else is written to
 * stdout (progress and errors go to stderr), so other programs can read it.
 */
import { createInterface } from 'node:readline';
import { loadCatalog } from '../../catalog/load.js';
import { loadConfig } from '../../config.js';
import type { Understanding } from '../../core.js';
import { loadOrTrain } from '../model.js';

function decidedIntent(u: Pick<Understanding, 'decision' | 'intents'>): { intent: string; confidence: number } {
  const d = u.decision;
  const top = u.intents[0]?.confidence ?? 0;
  switch (d.kind) {
    case 'service':
    case 'unsure':
      return { intent: d.serviceId, confidence: d.confidence };
    case 'ambiguous':
      return { intent: d.serviceIds[0]!, confidence: top };
    case 'builtin':
      return { intent: d.intent, confidence: d.confidence };
    case 'none':
      return { intent: 'none', confidence: Math.round((1 - top) * 1000) / 1000 };
  }
}

const config = loadConfig();
const catalog = loadCatalog(config.intentsDir);
const { nlu } = await loadOrTrain({ intentsDir: config.intentsDir, modelDir: config.modelDir, catalog });

const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(out.splice(0).join(''));
};
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
let lineNo = 0;
for await (const line of lines) {
  lineNo += 1;
  if (!line.trim()) continue;
  let id: unknown = null;
  try {
    const input = JSON.parse(line) as { id?: unknown; text?: unknown };
    id = input.id ?? null;
    const text = typeof input.text === 'string' ? input.text : '';
    const u = await nlu.classify(text);
    const decided = decidedIntent(u);
    out.push(
      `${JSON.stringify({
        id,
        intent: decided.intent,
        confidence: decided.confidence,
        language: u.language,
        alternatives: u.intents.slice(0, 5).map((i) => ({ intent: i.id, confidence: i.confidence })),
      })}\n`,
    );
  } catch (error) {
    process.stderr.write(`line ${lineNo}: ${(error as Error).message}\n`);
    out.push(`${JSON.stringify({ id, intent: 'none', confidence: 0, language: 'other', alternatives: [] })}\n`);
  }
  if (out.length >= 256) flush();
}
flush();
