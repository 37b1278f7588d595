/**
 * `npm run corpus:lint [-- --json | --all | --quiet]`: check intents/ and locales/ before training.
 * Exit code 1 when there are errors, 0 when there are only warnings (or nothing), 2 on bad usage.
 */
import { loadConfig } from '../../config.js';
import { formatReport, lintCorpus } from '../lint.js';

const args = process.argv.slice(2);
const known = new Set(['--json', '--all', '--quiet', '--help', '-h']);
const unknown = args.filter((a) => !known.has(a));
if (unknown.length > 0 || args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm run corpus:lint [-- --json] [--all] [--quiet]\n  --json   machine-readable report\n  --all    list every finding (default: 25 per check)\n  --quiet  errors only');
  process.exit(unknown.length > 0 ? 2 : 0);
}
const config = loadConfig();
const report = lintCorpus({ intentsDir: config.intentsDir, localesDir: config.localesDir });
if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
else console.log(formatReport(report, { all: args.includes('--all'), quiet: args.includes('--quiet'), color: process.stdout.isTTY }));
process.exitCode = report.errors > 0 ? 1 : 0;
