import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import type { TopicSpec } from './topics';
import type { ConsumeOptions, EventTransport, IncomingMessage, OutgoingMessage, Subscription } from './transport';

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
 * Kafka through kafkajs: every kafkajs call of the project is in this file. Idempotent producer with acks from
 * all in-sync replicas; consumers commit offsets by hand, after the handler has resolved.
 */
export class KafkaTransport implements EventTransport {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  private readonly consumers = new Set<Consumer>();

  readonly namespace: string;

  constructor({ brokers, clientId, namespace = '' }: KafkaTransportOptions) {
    this.namespace = namespace;
    if (brokers.length === 0) throw new Error('KafkaTransport needs at least one broker (KAFKA_BROKERS=host:port,...)');
    this.kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200 } });
  }

  private async adminClient(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const admin = await this.adminClient();
    const names = topics.map((t) => this.namespace + t.name);
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(this.namespace + t.name));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((t) => ({
            topic: this.namespace + t.name,
            numPartitions: t.partitions,
            configEntries: t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
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
      // One request in flight keeps order per partition even across retries.
      this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({
      topic: this.namespace + topic,
      acks: -1,
      messages: messages.map(({ key, value }) => ({ key, value })),
    });
  }

  async subscribe(options: ConsumeOptions): Promise<Subscription> {
    const groupId = this.namespace + options.groupId;
    const topics = options.topics.map((t) => this.namespace + t);
    // A member that died without leaving is noticed after sessionTimeout; 10 s keeps a restart's stall short.
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 2_000 });
    // kafkajs's own logging is off (it reports every retry as an error); a consumer that gives up is worth a line.
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      console.error(`kafka consumer ${groupId}: ${payload.error.message}${payload.restart ? ' (restarting)' : ''}`),
    );
    await consumer.connect();
    this.consumers.add(consumer);
    await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, resolveOffset }) => {
        if (batch.messages.length === 0) return;
        const messages: IncomingMessage[] = batch.messages.map((m) => ({
          topic: batch.topic.slice(this.namespace.length),
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString() ?? '',
          value: m.value,
        }));
        // Throwing here makes kafkajs fetch the same messages again from the last committed offset.
        await options.handleBatch(messages);
        const last = batch.messages[batch.messages.length - 1]!.offset;
        const next = (BigInt(last) + 1n).toString();
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        // kafkajs fetches from its own resolved position, not the committed one: move it too.
        resolveOffset(last);
        await heartbeat();
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
      lag: async () => {
        const admin = await this.adminClient();
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
      },
    };
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect();
    this.consumers.clear();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    this.producer = null;
    this.admin = null;
  }
}
