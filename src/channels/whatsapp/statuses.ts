/**
 * Delivery statuses (sent/delivered/read/failed) onto the outbox rows they describe. A status can arrive
 * before the sender has recorded the wamid it belongs to (Meta is fast, our write is not yet done): such
 * statuses are held briefly and applied when the sender records that wamid. The store keeps statuses
 * monotonic, so repeats and out-of-order arrivals are harmless.
 */
import type { Logger } from 'pino';
import type { Store } from '../../store/repository.js';
import { CHANNEL, type DeliveryStatus } from './parse.js';

const HOLD_MS = 5 * 60_000;
const MAX_HELD = 10_000;

export class DeliveryStatuses {
  private readonly held = new Map<string, { statuses: DeliveryStatus[]; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  async apply(status: DeliveryStatus): Promise<void> {
    const found = await this.store.applyDeliveryStatus(CHANNEL, status.id, status.status, status.errorCode);
    if (found) {
      if (status.status === 'failed') this.log.warn({ code: status.errorCode }, 'WhatsApp reported a reply undelivered');
      return;
    }
    this.expire();
    const entry = this.held.get(status.id) ?? { statuses: [], until: 0 };
    entry.statuses.push(status);
    entry.until = Date.now() + HOLD_MS;
    this.held.set(status.id, entry);
  }

  /** The sender recorded `wamid` on a row: apply anything that arrived for it early. */
  async recorded(wamid: string): Promise<void> {
    const entry = this.held.get(wamid);
    if (!entry) return;
    this.held.delete(wamid);
    for (const status of entry.statuses) await this.apply(status);
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, entry] of this.held) if (entry.until < now) this.held.delete(id);
    while (this.held.size >= MAX_HELD) {
      const oldest = this.held.keys().next().value;
      if (oldest === undefined) break;
      this.held.delete(oldest);
    }
  }
}
