import { KafkaTransport } from './kafka-transport';
import type { EventTransport } from './transport';

/** Kafka from KAFKA_BROKERS (comma-separated host:port); a clear error when it is missing. */
export function transportFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): EventTransport {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new Error(`${clientId}: KAFKA_BROKERS is required (host:port,...), e.g. 127.0.0.1:19092 from infra/kafka/kafka.sh start`);
  for (const broker of brokers) {
    if (!/^[^:\s]+:\d+$/.test(broker)) throw new Error(`${clientId}: KAFKA_BROKERS entry "${broker}" is not host:port`);
  }
  // KAFKA_NAMESPACE prefixes topics and groups: several environments (or test runs) can share one cluster.
  return new KafkaTransport({ brokers, clientId, namespace: env.KAFKA_NAMESPACE ?? '' });
}
