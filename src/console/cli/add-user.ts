/**
 * `npm run console:add-user -- <username>`: create a linguist's console account, or set a new password for
 * an existing one (their sessions end). The password is asked for twice without echo, or read from the
 * first line of standard input when it is not a terminal (`echo "$PW" | npm run console:add-user -- asha`).
 * Stored as an scrypt hash with a random salt in console_users.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../../config.js';
import { openStore } from '../../store/index.js';
import { hashPassword } from '../auth.js';

const MIN_PASSWORD = 10;

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run console:add-user -- <username>   (letters, digits, . _ -; 2-32 characters)');
  process.exit(2);
}

async function readHidden(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  process.stdout.write(prompt);
  muted = true;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  muted = false;
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.split(/\r?\n/)[0] ?? '';
}

const username = process.argv[2]?.trim();
if (!username) usage();
if (!/^[A-Za-z0-9._-]{2,32}$/.test(username)) usage(`invalid username "${username}"`);
if (username.toLowerCase() === 'operator') usage('"operator" is reserved for the CONSOLE_TOKEN login');

let password: string;
if (process.stdin.isTTY) {
  password = await readHidden(`Password for ${username} (at least ${MIN_PASSWORD} characters): `);
  const again = await readHidden('Again: ');
  if (password !== again) usage('the passwords differ');
} else {
  password = await readStdinLine();
}
if (password.length < MIN_PASSWORD) usage(`the password needs at least ${MIN_PASSWORD} characters`);

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) usage(e.message);
  throw e;
}
const store = await openStore(config.database);
try {
  const existed = (await store.consoleUser(username)) !== undefined;
  await store.upsertConsoleUser(username, await hashPassword(password));
  console.log(existed ? `Password changed for ${username}; their open sessions have ended.` : `Console account ${username} created. Log in at /console.`);
} finally {
  await store.close();
}
