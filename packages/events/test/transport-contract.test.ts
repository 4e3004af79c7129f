import { randomBytes, randomUUID } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import {
  COMPACTED_SEGMENT_MS,
  COMPACTED_WITHIN_MS,
  createEnvelope,
  decodeEnvelope,
  encodeEnvelope,
  KafkaTransport,
  LocalTransport,
  type EventTransport,
  type IncomingMessage,
} from '../src';

/** The contract both transports keep: order per key, tombstones, at-least-once, commit after handling, lag. */
function contract(name: string, make: () => EventTransport) {
  describe(`${name} transport`, () => {
    let transport: EventTransport;
    // Each test publishes to a topic of its own, so it passes alone and in any order.
    let topic: string;
    beforeAll(() => {
      transport = make();
    });
    beforeEach(async () => {
      topic = `contract.${randomBytes(4).toString('hex')}`;
      await transport.ensureTopics([{ name: topic, partitions: 3, compacted: true }]);
    });
    afterAll(() => transport.close());

    const event = (aggregateId: string, version: number) =>
      encodeEnvelope(createEnvelope({ type: 'pet.updated', aggregateType: 'pet', aggregateId, version, source: 'core', payload: { version } }));

    /** Subscribes and collects until `until` holds; returns what arrived. */
    async function collect(groupId: string, until: (got: IncomingMessage[]) => boolean, handle?: (batch: IncomingMessage[]) => void) {
      const got: IncomingMessage[] = [];
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      const subscription = await transport.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handleBatch: async (batch) => {
          handle?.(batch);
          got.push(...batch);
          if (until(got)) resolveDone();
        },
      });
      await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`${groupId}: timed out with ${got.length} messages`)), 45_000))]);
      return { got, subscription };
    }

    it('keeps order per key across partitions and delivers tombstones as null', async () => {
      const keys = Array.from({ length: 12 }, () => randomUUID());
      for (let version = 1; version <= 10; version++) {
        await transport.publish(
          topic,
          keys.map((key) => ({ key, value: event(key, version) })),
        );
      }
      await transport.publish(topic, [{ key: keys[0]!, value: null }]);
      const total = keys.length * 10 + 1;
      const { got, subscription } = await collect(`g-order-${randomUUID()}`, (m) => m.length >= total);
      expect(got).toHaveLength(total);
      for (const key of keys) {
        const versions = got.filter((m) => m.key === key && m.value).map((m) => decodeEnvelope(m.value!).version);
        expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      }
      expect(got.filter((m) => m.value === null).map((m) => m.key)).toEqual([keys[0]]);
      expect(await subscription.lag()).toBe(0);
      await subscription.stop();
    });

    it('redelivers a batch whose handler failed, and nothing after a commit', async () => {
      const groupId = `g-retry-${randomUUID()}`;
      const earlier = Array.from({ length: 121 }, () => randomUUID());
      await transport.publish(
        topic,
        earlier.map((key) => ({ key, value: event(key, 1) })),
      );
      const before = await collect(groupId, (m) => m.length >= 121);
      expect(before.got).toHaveLength(121);
      await before.subscription.stop();

      const key = randomUUID();
      await transport.publish(topic, [
        { key, value: event(key, 1) },
        { key, value: event(key, 2) },
      ]);
      let failures = 0;
      const seen: string[] = [];
      const subscription = await transport.subscribe({
        groupId,
        topics: [topic],
        handleBatch: async (batch) => {
          if (failures === 0) {
            failures++;
            throw new Error('projector crashed');
          }
          seen.push(...batch.map((m) => `${m.key}:${decodeEnvelope(m.value!).version}`));
        },
      });
      const deadline = Date.now() + 45_000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await subscription.stop();
      expect(failures).toBe(1);
      // Only the two new events: the 121 committed before the restart are not delivered again.
      expect(seen).toEqual([`${key}:1`, `${key}:2`]);
    });
  });
}

contract('in-process', () => new LocalTransport());

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  it('Kafka transport', () => {
    throw new Error('KAFKA_BROKERS is not set: run the tests with scripts/test.sh, which starts a broker, or start one with infra/kafka/kafka.sh start');
  });
} else {
  contract('Kafka', () => new KafkaTransport({ brokers: brokers.split(','), clientId: 'contract-test' }));

  it('creates compacted topics that forget superseded records within a bound, and others with their retention', async () => {
    const transport = new KafkaTransport({ brokers: brokers.split(','), clientId: 'topic-config-test' });
    const admin = new Kafka({ brokers: brokers.split(','), clientId: 'topic-config-test', logLevel: logLevel.NOTHING }).admin();
    const compacted = `config.${randomBytes(4).toString('hex')}`;
    const kept = `config.${randomBytes(4).toString('hex')}`;
    try {
      await transport.ensureTopics([
        { name: compacted, partitions: 1, compacted: true },
        { name: kept, partitions: 1, compacted: false, retentionMs: 86_400_000 },
      ]);
      await admin.connect();
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [compacted, kept].map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      });
      const config = (name: string) =>
        Object.fromEntries(resources.find((r) => r.resourceName === name)!.configEntries.map((e) => [e.configName, e.configValue]));
      expect(config(compacted)).toMatchObject({
        'cleanup.policy': 'compact',
        'max.compaction.lag.ms': String(COMPACTED_WITHIN_MS),
        'segment.ms': String(COMPACTED_SEGMENT_MS),
      });
      expect(config(kept)).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': '86400000' });
    } finally {
      await admin.disconnect();
      await transport.close();
    }
  });
}
