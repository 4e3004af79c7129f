import type { TopicSpec } from './topics';

/**
 * One message, already encoded (`encodeEnvelope` validates events on the way out). `value` null is a tombstone:
 * compaction will drop the key.
 */
export interface OutgoingMessage {
  key: string;
  value: Buffer | null;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  /** Raw bytes as they arrived: the consumer decides what to do with a value that is not a valid envelope. */
  value: Buffer | null;
}

export interface ConsumeOptions {
  groupId: string;
  topics: string[];
  /** A new group starts at the beginning of each topic (a late division rebuilds its copies). */
  fromBeginning?: boolean;
  /**
   * Called with the messages of one partition, in offset order. Offsets are committed only after it resolves;
   * if it throws, the same messages are delivered again (at-least-once).
   */
  handleBatch(messages: IncomingMessage[]): Promise<void>;
  /** Where the subscription reports its state changes (lost the broker, rejoined, ...); console.log if not given. */
  log?: (line: string) => void;
}

/**
 * Where a subscription stands. `consuming`: a member of its group that hears from the broker (or is handling a
 * batch). `stalled`: still a member, but no fetch or heartbeat has been answered for a while (broker down or
 * unreachable). `rejoining`: the client gave up (crash, fenced, membership lost); the transport recreates it by
 * itself, with backoff, until it is a member again.
 */
export type ConsumerState = 'starting' | 'consuming' | 'stalled' | 'rejoining' | 'stopped';

export interface SubscriptionHealth {
  state: ConsumerState;
  /** When `state` last changed. */
  since: Date;
  /** Why it last left `consuming`; null while it never did. */
  lastError: string | null;
  /** How many times the consumer was recreated after giving up. */
  rejoins: number;
}

export interface Subscription {
  stop(): Promise<void>;
  /** Messages published but not yet handled by the group, summed over its partitions. */
  lag(): Promise<number>;
  health(): SubscriptionHealth;
}

/**
 * The only door to the broker. Kafka (kafkajs) in production and tests, an in-process log in the embedded mode;
 * both keep order per key and deliver at least once. Replacing kafkajs means writing one more of these.
 */
export interface EventTransport {
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Resolves once every message is durably accepted (all in-sync replicas for Kafka), in order per key. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: ConsumeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
