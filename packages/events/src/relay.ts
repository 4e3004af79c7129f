import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';
import { encodeEnvelope } from './envelope';
import { markSent, unsentRows, type OutboxRow, type OutboxTable } from './outbox';
import type { EventTransport } from './transport';
import { onOutboxCommit } from './notify';
import type { TopicSpec } from './topics';

export interface RelayOptions {
  db: Db;
  outbox: OutboxTable;
  transport: EventTransport;
  /** Names the advisory lock: one relay publishes a given outbox at a time, whatever the number of replicas. */
  name: string;
  /** Created (if missing) before the first publish. */
  topics?: TopicSpec[];
  batchSize?: number;
  /** How often an idle relay looks for rows; `wake()` after a commit makes it look at once. */
  pollMs?: number;
  /** Longest wait between attempts while the broker is unreachable. */
  maxBackoffMs?: number;
  log?: (line: string) => void;
}

/**
 * Publishes outbox rows in id order and marks them sent. Each round runs in one transaction holding a
 * transaction-level advisory lock, so rows are never published by two relays at once and one aggregate's events
 * go out in the order they were written. When the broker is down the round rolls back: rows wait, nothing is lost;
 * a row published but not marked (crash in between) is published again, which versioned projections ignore.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private failures = 0;
  published = 0;
  lastError: string | null = null;

  constructor(private readonly options: RelayOptions) {
    if (!options.name) throw new Error('OutboxRelay needs a name (it names the advisory lock)');
  }

  private unlisten: (() => void) | null = null;

  async start(): Promise<void> {
    if (this.running) return;
    if (this.options.topics) await this.options.transport.ensureTopics(this.options.topics);
    this.running = true;
    this.unlisten = onOutboxCommit(this.options.name, () => this.wake());
    this.loop = this.run();
  }

  /** Call after committing a change that wrote events, to publish them without waiting for the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    this.wake();
    await this.loop;
  }

  /** One round: publish up to batchSize rows. Returns how many were published. */
  async publishOnce(): Promise<number> {
    const { db, outbox, transport, name, batchSize = 500 } = this.options;
    return db.transaction(async (txAny) => {
      const tx = txAny as unknown as Db;
      const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`outbox-relay:${name}`})) as locked`);
      if (!rowsOf<{ locked: boolean }>(locked)[0]?.locked) return 0;
      const rows = await unsentRows(tx, outbox, batchSize);
      if (rows.length === 0) return 0;
      // Rows of one topic go out in id order; different topics carry different aggregates, so they need no order.
      const byTopic = new Map<string, OutboxRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      for (const [topic, topicRows] of byTopic) {
        await transport.publish(topic, topicRows.map((row) => ({ key: row.key, value: row.envelope ? encodeEnvelope(row.envelope) : null })));
      }
      await markSent(tx, outbox, rows.map((r) => r.id));
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    const { pollMs = 100, maxBackoffMs = 5_000, batchSize = 500, log = console.log } = this.options;
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishOnce();
        this.published += published;
        if (this.failures > 0) log(`outbox relay ${this.options.name}: publishing again after ${this.failures} failed attempts`);
        this.failures = 0;
        this.lastError = null;
      } catch (error) {
        this.failures++;
        this.lastError = (error as Error).message;
        if (this.failures === 1 || this.failures % 20 === 0) {
          log(`outbox relay ${this.options.name}: cannot publish (${this.lastError}); rows stay in the outbox, retrying`);
        }
      }
      if (published >= batchSize) continue;
      const wait = this.failures > 0 ? Math.min(maxBackoffMs, 100 * 2 ** Math.min(this.failures, 6)) : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }
}
