/**
 * Evaluation from the console: the held-out set through the model the bot is using now. The newest report
 * is kept in reports/console-eval-last.json and the one before it in console-eval-previous.json, so the page
 * can show what changed since the last run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, loadHeldout, type Classifies, type EvalReport } from '../nlu/evaluate.js';

export const LAST_REPORT = 'console-eval-last.json';
export const PREVIOUS_REPORT = 'console-eval-previous.json';

export interface StoredReports {
  last?: EvalReport;
  previous?: EvalReport;
}

function read(path: string): EvalReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EvalReport;
  } catch {
    return undefined;
  }
}

export function loadReports(reportsDir: string): StoredReports {
  return { last: read(join(reportsDir, LAST_REPORT)), previous: read(join(reportsDir, PREVIOUS_REPORT)) };
}

/**
 * Run the evaluation. Classification is synchronous CPU work; every `yieldEvery` messages the event loop
 * gets a turn, so citizens' messages are not held up for the whole run.
 */
export async function runEvaluation(opts: {
  nlu: Classifies;
  heldoutPath: string;
  reportsDir: string;
  isService: (id: string) => boolean;
  yieldEvery?: number;
}): Promise<StoredReports> {
  const items = loadHeldout(opts.heldoutPath);
  const every = opts.yieldEvery ?? 200;
  let n = 0;
  const nlu: Classifies = {
    classify: async (text) => {
      n += 1;
      if (n % every === 0) await new Promise((resolve) => setImmediate(resolve));
      return opts.nlu.classify(text);
    },
  };
  const report = await evaluate(nlu, items, opts.isService);
  mkdirSync(opts.reportsDir, { recursive: true });
  const lastPath = join(opts.reportsDir, LAST_REPORT);
  if (existsSync(lastPath)) renameSync(lastPath, join(opts.reportsDir, PREVIOUS_REPORT));
  const tmp = `${lastPath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(report, null, 2));
  renameSync(tmp, lastPath);
  return loadReports(opts.reportsDir);
}

/** Expected × predicted counts of the errors, and the services most involved in them. */
export function confusion(report: EvalReport, size = 12): { ids: string[]; count: (expected: string, predicted: string) => number } {
  const counts = new Map<string, number>();
  for (const e of report.errors) counts.set(`${e.expected}\t${e.predicted}`, (counts.get(`${e.expected}\t${e.predicted}`) ?? 0) + 1);
  const pairs = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const ids: string[] = [];
  for (const [key] of pairs) {
    for (const id of key.split('\t')) if (!ids.includes(id) && ids.length < size) ids.push(id);
    if (ids.length >= size) break;
  }
  const correct = new Map(report.perIntent.map((s) => [s.intent, Math.round(s.support * s.recall)]));
  return {
    ids,
    count: (expected, predicted) => (expected === predicted ? (correct.get(expected) ?? 0) : (counts.get(`${expected}\t${predicted}`) ?? 0)),
  };
}
