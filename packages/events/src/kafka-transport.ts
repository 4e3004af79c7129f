import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { SupervisedConsumer } from './kafka-consumer';
import { COMPACTED_SEGMENT_MS, COMPACTED_WITHIN_MS, type TopicSpec } from './topics';
import type { ConsumeOptions, EventTransport, OutgoingMessage, Subscription } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /**
   * Prefixed to every topic and consumer group on the broker and stripped from what consumers see, so several
   * stacks (test suites) can share one broker without reading each other's events.
   */
  namespace?: string;
}

/**
 * Kafka through kafkajs: every kafkajs call of the project is in this file and kafka-consumer.ts. Idempotent
 * producer with acks from all in-sync replicas; consumers commit offsets by hand, after the handler has resolved.
 *
 * Broker failures: kafkajs's own retries are kept few and short (a failure surfaces in about a second instead of
 * after ~50 s of growing sleeps), and a client that failed is replaced rather than trusted to reconnect: the
 * producer and the admin client are recreated on their next use, consumers by SupervisedConsumer.
 */
export class KafkaTransport implements EventTransport {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  private readonly consumers = new Set<SupervisedConsumer>();

  readonly namespace: string;

  constructor({ brokers, clientId, namespace = '' }: KafkaTransportOptions) {
    this.namespace = namespace;
    if (brokers.length === 0) throw new Error('KafkaTransport needs at least one broker (KAFKA_BROKERS=host:port,...)');
    this.kafka = new Kafka({
      clientId,
      brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      requestTimeout: 10_000,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 250 },
    });
  }

  /** Runs `work` with the admin client; a failure drops the client, so the next call connects afresh. */
  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
      this.admin = admin;
    }
    const admin = this.admin;
    try {
      return await work(admin);
    } catch (error) {
      if (this.admin === admin) this.admin = null;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    await this.withAdmin((admin) => this.createTopics(admin, topics));
  }

  private async createTopics(admin: Admin, topics: TopicSpec[]): Promise<void> {
    const names = topics.map((t) => this.namespace + t.name);
    const existing = new Set(await listTopics(admin));
    const missing = topics.filter((t) => !existing.has(this.namespace + t.name));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((t) => ({
            topic: this.namespace + t.name,
            numPartitions: t.partitions,
            configEntries: [
              ...(t.compacted
                ? [
                    { name: 'cleanup.policy', value: 'compact' },
                    { name: 'max.compaction.lag.ms', value: String(COMPACTED_WITHIN_MS) },
                    { name: 'segment.ms', value: String(COMPACTED_SEGMENT_MS) },
                  ]
                : []),
              ...(t.retentionMs ? [{ name: 'retention.ms', value: String(t.retentionMs) }] : []),
            ],
          })),
        });
      } catch (error) {
        // Another process created them first: what matters is that they exist, which the wait below checks.
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
    }
    // kafkajs's own waitForLeaders gives up on a broker that answers "not hosted yet"; wait for leaders here.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
        if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics ${names.join(', ')} have no leaders after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        // One request in flight keeps order per partition even across retries.
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // kafkajs gives an idempotent producer endless retries by default: a send to a dead broker would hang
        // through the whole outage and then sleep up to 30 s after it. Fail within ~1 s; the outbox keeps the rows
        // and the relay tries again.
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 400 },
      });
      try {
        await producer.connect();
      } catch (error) {
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      this.producer = producer;
    }
    const producer = this.producer;
    try {
      await withinDeadline(
        producer.send({
          topic: this.namespace + topic,
          acks: -1,
          messages: messages.map(({ key, value }) => ({ key, value })),
        }),
        PUBLISH_DEADLINE_MS,
        `publish to ${topic} had no answer in ${PUBLISH_DEADLINE_MS / 1000} s`,
      );
    } catch (error) {
      // A producer that failed may hold dead connections and stale metadata: the next publish starts a new one.
      // Its disconnect is not awaited: kafkajs waits there for requests in flight, which after a broker crash
      // may never be answered (tulios/kafkajs#918).
      if (this.producer === producer) this.producer = null;
      void producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async subscribe(options: ConsumeOptions): Promise<Subscription> {
    const groupId = this.namespace + options.groupId;
    const consumer = new SupervisedConsumer({
      kafka: this.kafka,
      groupId,
      topics: options.topics.map((t) => this.namespace + t),
      namespace: this.namespace,
      fromBeginning: options.fromBeginning ?? false,
      handleBatch: options.handleBatch,
      log: options.log ?? console.log,
    });
    try {
      await consumer.start();
    } catch (error) {
      await consumer.stop();
      throw error;
    }
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
      lag: () =>
        this.lag(
          groupId,
          options.topics.map((t) => this.namespace + t),
        ),
      health: () => consumer.health(),
    };
  }

  private async lag(groupId: string, topics: string[]): Promise<number> {
    return this.withAdmin(async (admin) => {
      let lag = 0;
      const committed = await admin.fetchOffsets({ groupId, topics });
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
          lag += Number(end.high) - Math.max(at, Number(end.low));
        }
      }
      return lag;
    });
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.stop();
    this.consumers.clear();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    this.producer = null;
    this.admin = null;
  }
}

/**
 * The longest one publish may take. kafkajs's own request timeout and retries end a send to a dead broker within
 * seconds, but a send whose broker was killed mid-request can stay pending for good, and with it the relay's
 * round and every row behind it. Past this the round fails and rolls back, and the rows go out again with a new
 * producer (a row that did reach the broker arrives twice, which versioned projections ignore).
 */
export const PUBLISH_DEADLINE_MS = 15_000;

export function withinDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Every topic's name. kafkajs sometimes fails this on a busy broker with many topics (a TypeError on an empty
 * metadata answer, not a Kafka error); asking again a moment later answers.
 */
async function listTopics(admin: Admin): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.listTopics();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
