import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';
import { encodeEnvelope } from './envelope';
import { markSent, outboxBacklog, unsentCheck, unsentRows, type OutboxRow, type OutboxTable } from './outbox';
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
  /**
   * Longest wait between attempts while publishing fails. Short on purpose: an attempt against a dead broker
   * fails in about a second and costs nothing, and every extra second here is a second of delay after it returns.
   */
  maxBackoffMs?: number;
  /** While publishing fails, one log line this often (besides the first failure and the recovery). */
  reportEveryMs?: number;
  log?: (line: string) => void;
}

/** The relay's figures for GET /status. */
export interface RelayStatus {
  published: number;
  lastPublishedAt: string | null;
  /** Set while publishing fails: since when, and why. */
  failingSince: string | null;
  lastError: string | null;
  /** Rows waiting in the outbox and how long the oldest has waited. */
  pending: number;
  oldestPendingSeconds: number;
}

interface Outage {
  since: number;
  attempts: number;
  lastReport: number;
}

/**
 * Publishes outbox rows in id order and marks them sent. Each round runs in one transaction holding a
 * transaction-level advisory lock, so rows are never published by two relays at once and one aggregate's events
 * go out in the order they were written. When the broker is down the round rolls back: rows wait, nothing is lost;
 * a row published but not marked (crash in between) is published again, which versioned projections ignore.
 * An outage is logged when it starts, every `reportEveryMs` while it lasts, and when it ends (with its length and
 * the backlog published).
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** A commit was announced while a publish ran: its rows may have missed that publish, so go again at once. */
  private wokenWhileBusy = false;
  private outage: Outage | null = null;
  /** After an outage: when publishing resumed and how much has gone out since, until the backlog is gone. */
  private catchingUp: { since: number; published: number; outageMs: number } | null = null;
  published = 0;
  lastPublishedAt: Date | null = null;
  lastError: string | null = null;

  private readonly anyUnsent: () => Promise<boolean>;

  constructor(private readonly options: RelayOptions) {
    if (!options.name) throw new Error('OutboxRelay needs a name (it names the advisory lock)');
    this.anyUnsent = unsentCheck(options.db, options.outbox, options.name);
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
    // While publishing fails, commits must not turn the backoff into a busy loop.
    if (this.outage) return;
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    this.wakeUp?.();
    await this.loop;
  }

  async status(): Promise<RelayStatus> {
    const backlog = await outboxBacklog(this.options.db, this.options.outbox);
    return {
      published: this.published,
      lastPublishedAt: this.lastPublishedAt?.toISOString() ?? null,
      failingSince: this.outage ? new Date(this.outage.since).toISOString() : null,
      lastError: this.lastError,
      pending: backlog.rows,
      oldestPendingSeconds: Math.round(backlog.oldestSeconds * 10) / 10,
    };
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
        await transport.publish(
          topic,
          topicRows.map((row) => ({ key: row.key, value: row.envelope ? encodeEnvelope(row.envelope) : null })),
        );
      }
      await markSent(
        tx,
        outbox,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  private get log(): (line: string) => void {
    return this.options.log ?? console.log;
  }

  private async backlogText(): Promise<string> {
    try {
      const { rows, oldestSeconds } = await outboxBacklog(this.options.db, this.options.outbox);
      return `${rows} rows waiting, the oldest for ${oldestSeconds.toFixed(1)} s`;
    } catch (error) {
      return `backlog unknown: ${(error as Error).message}`;
    }
  }

  private async failed(error: Error): Promise<void> {
    const { reportEveryMs = 10_000 } = this.options;
    const name = `outbox relay ${this.options.name}`;
    this.lastError = error.message;
    const now = Date.now();
    if (!this.outage) {
      this.outage = { since: now, attempts: 1, lastReport: now };
      this.catchingUp = null;
      this.log(
        `${name}: cannot publish (${error.message}); rows stay in the outbox (${await this.backlogText()}); retrying every ${this.options.maxBackoffMs ?? 250} ms at most`,
      );
      return;
    }
    this.outage.attempts++;
    if (now - this.outage.lastReport >= reportEveryMs) {
      this.outage.lastReport = now;
      this.log(
        `${name}: still cannot publish after ${((now - this.outage.since) / 1000).toFixed(0)} s (${this.outage.attempts} attempts; ${await this.backlogText()}): ${error.message}`,
      );
    }
  }

  private succeeded(published: number, batchSize: number): void {
    const name = `outbox relay ${this.options.name}`;
    this.published += published;
    if (published > 0) this.lastPublishedAt = new Date();
    if (this.outage) {
      const outageMs = Date.now() - this.outage.since;
      this.log(
        `${name}: publishing again after a ${(outageMs / 1000).toFixed(1)} s outage (${this.outage.attempts} failed attempts); ${published} rows published in the first round`,
      );
      this.outage = null;
      this.lastError = null;
      this.catchingUp = { since: Date.now(), published: 0, outageMs };
    }
    if (this.catchingUp) {
      this.catchingUp.published += published;
      if (published < batchSize) {
        const seconds = (Date.now() - this.catchingUp.since) / 1000;
        this.log(
          `${name}: backlog of the ${(this.catchingUp.outageMs / 1000).toFixed(1)} s outage published: ${this.catchingUp.published} rows in ${seconds.toFixed(1)} s`,
        );
        this.catchingUp = null;
      }
    }
  }

  private async run(): Promise<void> {
    const { pollMs = 100, maxBackoffMs = 250, batchSize = 500 } = this.options;
    while (this.running) {
      let published = 0;
      try {
        // An idle poll is one indexed read; the locked round runs only when there is something to publish.
        published = (await this.anyUnsent()) ? await this.publishOnce() : 0;
        this.succeeded(published, batchSize);
      } catch (error) {
        await this.failed(error as Error);
      }
      if (published >= batchSize) continue;
      if (this.wokenWhileBusy && !this.outage) {
        this.wokenWhileBusy = false;
        continue;
      }
      const wait = this.outage ? Math.min(maxBackoffMs, 100 * 2 ** Math.min(this.outage.attempts - 1, 6)) : pollMs;
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
