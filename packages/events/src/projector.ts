import type { Database, Db } from '@psa/db';
import { CONTRACTS, type ContractEnvelope, type ContractTopic, type EventContract, type TopicEvents } from './contracts';
import { decodeEnvelope } from './envelope';
import { deadLetterTopic, topicSpec } from './topics';
import type { EventTransport, IncomingMessage, Subscription, SubscriptionHealth } from './transport';

/**
 * How one topic's events change a division's copies, and what the division does because of them.
 *
 * `apply` gets EVERY event of a batch for its topic, in the topic's order (each aggregate's events oldest first),
 * inside the batch's transaction. Expect duplicates, replays of versions already applied, versions out of order
 * and versions that never arrive: a redelivered batch, a replay, or compaction (a division that starts late, or
 * reads after the cleaner ran, sees only the newest event per aggregate). So, in this order:
 *
 * 1. Read the versions the copies hold now (`copyVersions`).
 * 2. Write the copies with `versionedUpsert` (it keeps the newest row per id and never goes back in version).
 * 3. Side effects (records the division keeps because of core's state: licensure's lost reports): write each
 *    as a RULE ON STATE: "while the aggregate is in state S, our records look like R". Apply it for each event
 *    newer than what the copy held (`unseenEvents`), in version order, and make it idempotent: compare with the
 *    records as they are (not with the previous copy) and change only what disagrees. Never act on a transition
 *    ("status went from LOST to FOUND"): one batch can carry LOST, FOUND and ACTIVE, and after compaction only
 *    ACTIVE exists, yet the rule must end the same. Walking every unseen state keeps the history a batch holds
 *    (dates of intermediate states); what compaction removed cannot be recovered, so decide which history the
 *    division must keep itself.
 * 4. Declare the rule as a check beside the copies (`checks` in createSubgraph): `pnpm reconcile` then verifies
 *    it, not only the versions.
 *
 * Events reach `apply` already read through the topic's contract (packages/events/src/contracts): typed by event
 * type, at the contract's current schemaVersion, unknown extra fields stripped. One that breaks the contract never
 * reaches `apply`: it goes to the dead-letter topic with the failing field and its schemaVersion.
 */
export interface Projection<T extends ContractTopic = ContractTopic> {
  topic: T;
  /** The contract to read the topic with; the topic's own (`CONTRACTS`) when absent. */
  contract?: EventContract<TopicEvents[T]>;
  apply(tx: Db, events: ContractEnvelope<TopicEvents[T]>[]): Promise<void>;
}

/** For GET /status and /ready: the subscription's state and how long ago an event was last applied. */
export interface ProjectorHealth extends SubscriptionHealth {
  consuming: boolean;
  lastAppliedAt: Date | null;
}

export interface ProjectorOptions {
  /** The consumer group: one per division. */
  groupId: string;
  database: Database;
  transport: EventTransport;
  projections: Projection[];
  log?: (line: string) => void;
}

interface DeadLetter {
  message: IncomingMessage;
  reason: string;
}

/**
 * Why an event could not be applied, as the database said it. Drizzle wraps the driver's error in one whose message
 * is the statement and its parameters: that says nothing of the cause, and the parameters are the event's data
 * (personal, for an owner), which must not be copied onto the dead-letter topic.
 */
function whyNotApplied(error: unknown): string {
  let cause = error as { message?: string; cause?: unknown };
  while (cause.cause instanceof Error) cause = cause.cause;
  return cause.message ?? String(error);
}

/**
 * Keeps a division's copies current. Each batch is applied in one database transaction; the transport commits
 * offsets only after that transaction commits (at-least-once delivery, exactly-once effect thanks to versions).
 * An event that cannot be applied goes to `<groupId>.dead-letter` with the reason, and the partition moves on.
 */
export class Projector {
  private subscription: Subscription | null = null;
  private readonly byTopic: Map<string, Projection>;
  applied = 0;
  deadLettered = 0;
  /** Why the latest event set aside could not be applied (GET /status; a test's settle() says it when it times out). */
  lastDeadLetterReason: string | null = null;
  lastAppliedAt: Date | null = null;

  constructor(private readonly options: ProjectorOptions) {
    this.byTopic = new Map(options.projections.map((p) => [p.topic, p]));
    if (this.byTopic.size !== options.projections.length) throw new Error(`projector ${options.groupId}: two projections for one topic`);
    if (this.byTopic.size === 0) throw new Error(`projector ${options.groupId}: no projections`);
  }

  get deadLetterTopic(): string {
    return deadLetterTopic(this.options.groupId);
  }

  async start(): Promise<void> {
    // A division may start before its source ever published: make sure the topics it reads exist too.
    const sources = [...this.byTopic.keys()].map(topicSpec);
    await this.options.transport.ensureTopics([...sources, { name: this.deadLetterTopic, partitions: 1, compacted: false }]);
    this.subscription = await this.options.transport.subscribe({
      groupId: this.options.groupId,
      topics: [...this.byTopic.keys()],
      fromBeginning: true,
      handleBatch: (messages) => this.handleBatch(messages),
      log: this.options.log,
    });
  }

  /** Consuming: a member of its group that hears from the broker. False while it reconnects or rejoins. */
  health(): ProjectorHealth {
    const subscription = this.subscription?.health() ?? { state: 'stopped' as const, since: new Date(0), lastError: null, rejoins: 0 };
    return { ...subscription, consuming: subscription.state === 'consuming', lastAppliedAt: this.lastAppliedAt };
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  async lag(): Promise<number> {
    if (!this.subscription) throw new Error(`projector ${this.options.groupId} is not running`);
    return this.subscription.lag();
  }

  /** Resolves when the group has handled everything published so far; logs how long that took. */
  async caughtUp(timeoutMs = 120_000): Promise<number> {
    const started = performance.now();
    const log = this.options.log ?? console.log;
    for (;;) {
      if (!this.subscription) throw new Error(`projector ${this.options.groupId}: stopped before it caught up`);
      // While the broker does not answer, lag cannot be read: keep waiting, the deadline still holds.
      if ((await this.subscription.lag().catch(() => null)) === 0) {
        const seconds = (performance.now() - started) / 1000;
        log(`projector ${this.options.groupId}: caught up (${this.applied} events applied, ${seconds.toFixed(1)} s)`);
        return seconds;
      }
      if (performance.now() - started > timeoutMs) throw new Error(`projector ${this.options.groupId}: not caught up after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async handleBatch(messages: IncomingMessage[]): Promise<void> {
    const deadLetters: DeadLetter[] = [];
    const events: { event: ContractEnvelope<TopicEvents[ContractTopic]>; message: IncomingMessage }[] = [];
    for (const message of messages) {
      // A tombstone follows its aggregate's delete event, which already carried the version: nothing to apply.
      if (message.value === null) continue;
      try {
        const envelope = decodeEnvelope(message.value);
        if (envelope.aggregateId !== message.key) throw new Error(`aggregateId ${envelope.aggregateId} does not match the message key ${message.key}`);
        // Read through the contract before any apply: an event that breaks it is set aside here and writes nothing,
        // while the rest of the batch applies as one transaction, in the topic's order, as without it.
        const projection = this.byTopic.get(message.topic)!;
        const event = (projection.contract ?? CONTRACTS[projection.topic]).parse(envelope);
        events.push({ event, message });
      } catch (error) {
        deadLetters.push({ message, reason: (error as Error).message });
      }
    }

    const { db } = this.options.database;
    try {
      await db.transaction(async (tx) => {
        for (const [topic, projection] of this.byTopic) {
          const batch = events.filter((e) => e.message.topic === topic).map((e) => e.event);
          if (batch.length > 0) await projection.apply(tx as unknown as Db, batch);
        }
      });
      this.applied += events.length;
      if (events.length > 0) this.lastAppliedAt = new Date();
    } catch (batchError) {
      // Something in the batch cannot be applied. If the database itself is unreachable, fail the batch so it is
      // delivered again; otherwise apply event by event and set aside the ones that fail.
      await this.options.database.ping();
      for (const { event, message } of events) {
        try {
          await db.transaction((tx) => this.byTopic.get(message.topic)!.apply(tx as unknown as Db, [event]));
          this.applied++;
          this.lastAppliedAt = new Date();
        } catch (error) {
          await this.options.database.ping();
          deadLetters.push({ message, reason: whyNotApplied(error) });
        }
      }
    }

    if (deadLetters.length > 0) {
      await this.options.transport.publish(
        this.deadLetterTopic,
        deadLetters.map(({ message, reason }) => ({
          key: message.key,
          value: Buffer.from(
            JSON.stringify({ reason, topic: message.topic, partition: message.partition, offset: message.offset, value: message.value?.toString() ?? null }),
          ),
        })),
      );
      this.deadLettered += deadLetters.length;
      this.lastDeadLetterReason = deadLetters.at(-1)!.reason;
      (this.options.log ?? console.log)(
        `projector ${this.options.groupId}: ${deadLetters.length} event(s) sent to ${this.deadLetterTopic}: ${deadLetters[0]!.reason}`,
      );
    }
  }
}
