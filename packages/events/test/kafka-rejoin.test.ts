import { randomBytes, randomUUID } from 'node:crypto';
import { createEnvelope, encodeEnvelope, KafkaTransport, type ConsumerState, type IncomingMessage } from '../src';

/**
 * kafkajs gives up on a consumer for good (CRASH with restart: false) on errors it deems not retriable, such as
 * "The coordinator is not aware of this member" after a broker crash. A handler error marked not retriable takes
 * the same path on demand: the subscription must recreate its consumer and get the batch again by itself.
 */
describe('a Kafka consumer that kafkajs gives up on', () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const transport = new KafkaTransport({ brokers, clientId: 'rejoin-test', namespace: `r${randomBytes(4).toString('hex')}.` });
  const topic = 'rejoin.events';
  beforeAll(() => transport.ensureTopics([{ name: topic, partitions: 1, compacted: false }]));
  afterAll(() => transport.close());

  it('is recreated, rejoins its group and gets the failed batch again; its health says so meanwhile', async () => {
    const lines: string[] = [];
    const handled: IncomingMessage[] = [];
    let failures = 0;
    const subscription = await transport.subscribe({
      groupId: `rejoin-${randomUUID()}`,
      topics: [topic],
      fromBeginning: true,
      log: (line) => lines.push(line),
      handleBatch: async (batch) => {
        if (failures === 0) {
          failures++;
          throw Object.assign(new Error('fenced on purpose'), { retriable: false });
        }
        handled.push(...batch);
      },
    });
    const states = new Set<ConsumerState>();
    const watch = setInterval(() => states.add(subscription.health().state), 20);
    try {
      const key = randomUUID();
      await transport.publish(
        topic,
        [1, 2].map((version) => ({
          key,
          value: encodeEnvelope(createEnvelope({ type: 'pet.updated', aggregateType: 'pet', aggregateId: key, version, source: 'core', payload: {} })),
        })),
      );
      const deadline = Date.now() + 45_000;
      while (handled.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(handled.map((m) => m.offset)).toEqual(['0', '1']);
      expect(failures).toBe(1);
      expect(states.has('rejoining')).toBe(true);
      expect(subscription.health()).toMatchObject({ state: 'consuming', rejoins: 1, lastError: expect.stringContaining('fenced on purpose') });
      expect(lines.join('\n')).toMatch(
        /crashed: .*fenced on purpose; not consuming, recreating the consumer in \d+ ms[\s\S]*rejoined the group after [\d.]+ s/,
      );
      expect(await subscription.lag()).toBe(0);
    } finally {
      clearInterval(watch);
      await subscription.stop();
    }
    expect(subscription.health().state).toBe('stopped');
  }, 60_000);
});
