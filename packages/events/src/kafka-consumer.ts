import type { Consumer, Kafka } from 'kafkajs';
import type { ConsumerState, IncomingMessage, SubscriptionHealth } from './transport';

export interface SupervisedConsumerOptions {
  kafka: Kafka;
  /** Namespaced, as on the broker. */
  groupId: string;
  topics: string[];
  /** Stripped from topic names before the handler sees them. */
  namespace: string;
  fromBeginning: boolean;
  handleBatch(messages: IncomingMessage[]): Promise<void>;
  log: (line: string) => void;
}

/** Recreate delays: short, because after a broker crash every second of delay is a second of stale copies. */
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 1_000;
/** An idle member fetches every FETCH_WAIT_MS and heartbeats every 2 s: this long without either means no broker. */
const FETCH_WAIT_MS = 1_000;
const STALE_MS = 5_000;
/** kafkajs retries some failures forever in places; a member stalled this long is recreated anyway. */
const STALLED_LIMIT_MS = 30_000;
/** A member that crashes sooner than this after joining keeps growing the backoff (e.g. while the database is down). */
const STABLE_MS = 10_000;
/** While it cannot rejoin, one log line per this interval. */
const REPEAT_LOG_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One kafkajs consumer kept alive for good. kafkajs restarts a crashed consumer only for errors it deems
 * retriable; after a broker crash it can also give up for good (CRASH with restart: false, e.g. "The coordinator is
 * not aware of this member") and never consume again. Here kafkajs never restarts anything itself: every crash,
 * failed join or long stall ends the consumer, and a new one joins the group after a backoff. Each state change is
 * one log line; `health()` tells readiness checks whether it consumes.
 */
export class SupervisedConsumer {
  private consumer: Consumer | null = null;
  private state: ConsumerState = 'starting';
  private since = new Date();
  private lastError: string | null = null;
  private rejoins = 0;
  private attempts = 0;
  private joinedAt = 0;
  private lastContact = Date.now();
  private busy = false;
  private stopped = false;
  private recreating: Promise<void> | null = null;
  /** A crash of the consumer being started while `recreating`: handled when that attempt is over. */
  private crashedDuringRecreate: string | null = null;
  private failingSince = 0;
  private lastRepeatLog = 0;
  private readonly watchdog: NodeJS.Timeout;

  constructor(private readonly options: SupervisedConsumerOptions) {
    this.watchdog = setInterval(() => this.checkStall(), 1_000);
    this.watchdog.unref();
  }

  /** The first start fails loudly (a process that cannot reach its broker at start should not say it started). */
  async start(): Promise<void> {
    await this.launch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    await this.recreating;
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect().catch((error: Error) => this.options.log(`${this.name}: disconnect on stop failed: ${error.message}`));
    this.setState('stopped', null);
  }

  health(): SubscriptionHealth {
    return { state: this.state, since: this.since, lastError: this.lastError, rejoins: this.rejoins };
  }

  private get name(): string {
    return `kafka consumer ${this.options.groupId}`;
  }

  private setState(state: ConsumerState, error: string | null): void {
    if (error !== null) this.lastError = error;
    if (state === this.state) return;
    this.state = state;
    this.since = new Date();
  }

  private async launch(): Promise<void> {
    const { kafka, groupId, topics, fromBeginning, namespace, handleBatch } = this.options;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      // A member that died without leaving (a crashed process, or this consumer before the broker crashed) holds
      // up the group's next join until its session expires: 6 s, the broker's minimum. Batches take far less, and
      // a member evicted in one is recreated and gets the batch again.
      sessionTimeout: 6_000,
      heartbeatInterval: 2_000,
      maxWaitTimeInMs: FETCH_WAIT_MS,
      // Few, short retries inside kafkajs: a failure becomes a crash within seconds, and the crash a fresh consumer.
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 250, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    const mine = () => this.consumer === consumer && !this.stopped;
    const contact = () => {
      if (!mine()) return;
      this.lastContact = Date.now();
      if (this.state === 'stalled') {
        this.options.log(`${this.name}: the broker answers again; consuming`);
        this.setState('consuming', null);
      }
    };
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      if (!mine()) return;
      this.lastContact = this.joinedAt = Date.now();
      const partitions = Object.values(payload.memberAssignment).reduce((n, p) => n + p.length, 0);
      const after = this.failingSince ? ` after ${((Date.now() - this.failingSince) / 1000).toFixed(1)} s` : '';
      this.options.log(`${this.name}: ${this.rejoins > 0 ? 'rejoined' : 'joined'} the group${after}, ${partitions} partition(s) assigned; consuming`);
      this.failingSince = 0;
      this.setState('consuming', null);
    });
    consumer.on(consumer.events.FETCH, contact);
    consumer.on(consumer.events.HEARTBEAT, contact);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!mine()) return;
      const reason = `crashed: ${payload.error.message}`;
      // kafkajs reports a failed join from inside run(), i.e. before a recreation attempt is over.
      if (this.recreating) this.crashedDuringRecreate = reason;
      else this.recreate(reason);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, resolveOffset }) => {
          if (batch.messages.length === 0) return;
          const messages: IncomingMessage[] = batch.messages.map((m) => ({
            topic: batch.topic.slice(namespace.length),
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? '',
            value: m.value,
          }));
          this.busy = true;
          try {
            // Throwing here makes kafkajs fetch the same messages again from the last committed offset.
            await handleBatch(messages);
          } finally {
            this.busy = false;
            this.lastContact = Date.now();
          }
          const last = batch.messages[batch.messages.length - 1]!.offset;
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          // kafkajs fetches from its own resolved position, not the committed one: move it too.
          resolveOffset(last);
          await heartbeat();
        },
      });
    } catch (error) {
      // connect/subscribe failed: nothing runs, so nothing will crash later; the caller decides what follows.
      if (this.consumer === consumer) this.consumer = null;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private checkStall(): void {
    if (this.stopped || this.busy || this.recreating) return;
    const silent = Date.now() - this.lastContact;
    if (this.state === 'consuming' && silent > STALE_MS) {
      this.options.log(`${this.name}: no fetch or heartbeat answered for ${(silent / 1000).toFixed(0)} s; stalled, kafkajs keeps retrying`);
      this.setState('stalled', `no answer from the broker for ${(silent / 1000).toFixed(0)} s`);
    } else if (this.state === 'stalled' && silent > STALLED_LIMIT_MS) {
      this.recreate(`stalled for ${(silent / 1000).toFixed(0)} s`);
    }
  }

  /** Ends the current consumer and joins with a new one, retrying with backoff until it is a member again. */
  private recreate(reason: string): void {
    if (this.stopped || this.recreating) return;
    // A crash soon after joining is part of one outage: keep the backoff growing.
    if (this.joinedAt && Date.now() - this.joinedAt > STABLE_MS) this.attempts = 0;
    this.joinedAt = 0;
    if (!this.failingSince) this.failingSince = Date.now();
    const first = this.backoff();
    if (this.state === 'rejoining') this.logRepeated(`still not a member (${reason}); next attempt in ${first} ms`);
    else this.options.log(`${this.name}: ${reason}; not consuming, recreating the consumer in ${first} ms`);
    this.setState('rejoining', reason);
    this.recreating = (async () => {
      let wait = first;
      while (!this.stopped) {
        await sleep(wait);
        if (this.stopped) break;
        this.crashedDuringRecreate = null;
        const old = this.consumer;
        this.consumer = null;
        await old?.disconnect().catch(() => undefined);
        try {
          this.rejoins++;
          await this.launch();
          // Joining happens inside run(); a failed join shows as a CRASH, which recreates again once this is done.
          break;
        } catch (error) {
          wait = this.backoff();
          this.logRepeated(`cannot recreate the consumer yet (${(error as Error).message}); retrying every ${BACKOFF_MAX_MS} ms at most`);
        }
      }
    })().finally(() => {
      this.recreating = null;
      const crashed = this.crashedDuringRecreate;
      this.crashedDuringRecreate = null;
      if (crashed && !this.stopped) this.recreate(crashed);
    });
  }

  private backoff(): number {
    return Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempts++);
  }

  private logRepeated(line: string): void {
    if (Date.now() - this.lastRepeatLog < REPEAT_LOG_MS) return;
    this.lastRepeatLog = Date.now();
    const down = this.failingSince ? ` (${((Date.now() - this.failingSince) / 1000).toFixed(0)} s without consuming)` : '';
    this.options.log(`${this.name}: ${line}${down}`);
  }
}
