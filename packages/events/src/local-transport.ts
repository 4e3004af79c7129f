import { EventEmitter } from 'node:events';
import { partitionFor } from './partition';
import type { TopicSpec } from './topics';
import type { ConsumeOptions, EventTransport, IncomingMessage, OutgoingMessage, Subscription } from './transport';

const MAX_BATCH = 500;
const RETRY_DELAY_MS = 100;

/**
 * The embedded mode's broker: an in-process, partitioned log with per-group committed offsets. Same contract as
 * Kafka: order per key, at-least-once, batches per partition, commit after the handler resolves. The log lives
 * in memory, so a restart starts it empty; the outbox re-publishes what was never sent and copies are versioned.
 */
export class LocalTransport implements EventTransport {
  private readonly logs = new Map<string, IncomingMessage[][]>();
  private readonly appended = new EventEmitter();
  /** Committed positions per consumer group, so a group that subscribes again continues where it stopped. */
  private readonly groups = new Map<string, Map<string, number>>();
  private closed = false;

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const { name, partitions } of topics) {
      if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`topic ${name}: partitions must be >= 1, got ${partitions}`);
      if (!this.logs.has(name))
        this.logs.set(
          name,
          Array.from({ length: partitions }, () => []),
        );
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const partitions = this.logs.get(topic);
    if (!partitions) throw new Error(`topic ${topic} does not exist: create it with ensureTopics first`);
    for (const { key, value } of messages) {
      const partition = partitionFor(key, partitions.length);
      const log = partitions[partition]!;
      log.push({ topic, partition, offset: String(log.length), key, value });
    }
    this.appended.emit('append');
  }

  async subscribe(options: ConsumeOptions): Promise<Subscription> {
    let positions = this.groups.get(options.groupId);
    if (!positions) this.groups.set(options.groupId, (positions = new Map<string, number>()));
    const sources = options.topics.map((topic) => {
      const partitions = this.logs.get(topic);
      if (!partitions) throw new Error(`topic ${topic} does not exist: create it with ensureTopics first`);
      partitions.forEach((log, p) => {
        const key = `${topic}/${p}`;
        if (!positions.has(key)) positions.set(key, options.fromBeginning ? 0 : log.length);
      });
      return { topic, partitions };
    });
    let running = true;
    const started = new Date();
    let stoppedAt: Date | null = null;
    let wake: (() => void) | null = null;
    const onAppend = () => wake?.();
    this.appended.on('append', onAppend);

    const pump = async () => {
      while (running && !this.closed) {
        // After a failure the loop goes round again (having waited RETRY_DELAY_MS) instead of sleeping until the next publish.
        let busy = false;
        for (const { topic, partitions } of sources) {
          for (const [p, log] of partitions.entries()) {
            const key = `${topic}/${p}`;
            const from = positions.get(key)!;
            if (from >= log.length) continue;
            const batch = log.slice(from, from + MAX_BATCH);
            try {
              await options.handleBatch(batch);
              positions.set(key, from + batch.length);
              busy = true;
            } catch (error) {
              console.error(`local transport: ${options.groupId} failed on ${key}@${from}, redelivering:`, (error as Error).message);
              await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
              busy = true;
            }
          }
        }
        if (!busy) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    };
    const done = pump();
    return {
      stop: async () => {
        running = false;
        stoppedAt = new Date();
        this.appended.off('append', onAppend);
        wake?.();
        await done;
      },
      lag: async () =>
        sources.reduce((sum, { topic, partitions }) => sum + partitions.reduce((s, log, p) => s + log.length - positions.get(`${topic}/${p}`)!, 0), 0),
      // In-process: nothing to lose contact with; it consumes from subscribe to stop.
      health: () => ({ state: stoppedAt ? 'stopped' : 'consuming', since: stoppedAt ?? started, lastError: null, rejoins: 0 }),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.appended.emit('append');
  }
}
