/**
 * The `classify` contract other programs rely on: JSON lines in, one JSON line out per input line, in order,
 * nothing else on stdout.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const lines = [
  { id: 'a', text: 'need income certifcate for scholarship' },
  { id: 'b', text: 'ମୋତେ ଜନ୍ମ ପ୍ରମାଣପତ୍ର ଦରକାର' },
  { id: 'c', text: 'cricket score today india vs australia' },
  { id: 'd', text: 'thank you sir' },
  { id: 'e', text: 'budha bhatta pain abedan kariba' },
];

describe('npm run --silent classify', () => {
  it('answers every line in order with intent, confidence, language and up to 5 alternatives', () => {
    const input = `${lines.map((l) => JSON.stringify(l)).join('\n')}\nthis is not json\n`;
    const run = spawnSync('npm', ['run', '--silent', 'classify'], { input, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(lines.length + 1);
    expect(out.slice(0, lines.length).map((o) => o.id)).toEqual(lines.map((l) => l.id));
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(['alternatives', 'confidence', 'id', 'intent', 'language']);
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
      expect(['en', 'or', 'or-Latn', 'mixed', 'other']).toContain(o.language);
      expect((o.alternatives as unknown[]).length).toBeLessThanOrEqual(5);
    }
    const byId = Object.fromEntries(out.map((o) => [o.id, o]));
    expect(byId.a).toMatchObject({ intent: 'rdm.income_certificate', language: 'en' });
    expect(byId.b).toMatchObject({ intent: 'hfw.birth_certificate', language: 'or' });
    expect(byId.c).toMatchObject({ intent: 'none' });
    expect(byId.d).toMatchObject({ intent: 'thanks' });
    expect(byId.e).toMatchObject({ intent: 'sse.madhu_babu_pension', language: 'or-Latn' });
    // A line that is not JSON still gets an answer (and a message on stderr), so the order never shifts.
    expect(out.at(-1)).toMatchObject({ id: null, intent: 'none' });
    expect(run.stderr).toContain('line 6');
  });
});
