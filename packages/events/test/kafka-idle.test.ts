import { randomBytes, randomUUID } from 'node:crypto';
import { KafkaTransport } from '../src';

/**
 * kafkajs 2.2.4 re-arms a 1 ms timer for ever on every connection once it has answered a request, busy or not
 * (kafkajs issues #1556 and #1704): each idle subgraph spent about 5 % of a core on it. patches/kafkajs@2.2.4.patch
 * stops the loop when nothing is queued or throttled. Counted here as the timers an idle producer and consumer set.
 */
describe('an idle Kafka client', () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const transport = new KafkaTransport({ brokers, clientId: 'idle-test', namespace: `i${randomBytes(4).toString('hex')}.` });
  const topic = 'idle.events';
  beforeAll(() => transport.ensureTopics([{ name: topic, partitions: 1, compacted: false }]));
  afterAll(() => transport.close());

  it('sets a timer for its fetches and heartbeats, not one every millisecond', async () => {
    // The producer's connection has answered a request, which is what starts the loop.
    await transport.publish(topic, [{ key: 'k', value: Buffer.from('{}') }]);
    const subscription = await transport.subscribe({
      groupId: `idle-${randomUUID()}`,
      topics: [topic],
      fromBeginning: false,
      log: () => {},
      handleBatch: async () => {},
    });
    try {
      const deadline = Date.now() + 30_000;
      while (subscription.health().state !== 'consuming' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(subscription.health().state).toBe('consuming');
      await new Promise((r) => setTimeout(r, 500));
      const timers = jest.spyOn(global, 'setTimeout');
      try {
        await new Promise((r) => setTimeout(r, 2_000));
        // Over 2 s: a few fetches (1 s long polls) and heartbeats (every 2 s) with their request timers, and ours.
        // The loop alone set about a thousand a second per connection.
        expect(timers.mock.calls.length).toBeLessThan(100);
      } finally {
        timers.mockRestore();
      }
    } finally {
      await subscription.stop();
    }
  }, 60_000);
});
