/**
 * Application reference numbers: OD-<DEPT>-<YEAR>-<6 characters>, e.g. OD-RDM-2026-4K7Q2M. Random rather than
 * sequential so they are not guessable and need no counter shared between servers; the store's unique
 * index backs that up.
 */
import { randomInt } from 'node:crypto';

// No 0/O or 1/I: references are read out over the phone.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newReference(serviceId: string, now = new Date()): string {
  const dept = (serviceId.split('.')[0] ?? 'GEN').toUpperCase();
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `OD-${dept}-${now.getUTCFullYear()}-${tail}`;
}
