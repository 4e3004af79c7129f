export { createEnvelope, validateEnvelope, encodeEnvelope, decodeEnvelope, EnvelopeError, type EventEnvelope } from './envelope';
export {
  CORE_TOPICS,
  CORE_TOPIC_SPECS,
  LICENSURE_TOPICS,
  LICENSURE_TOPIC_SPECS,
  HEALTHCARE_TOPICS,
  HEALTHCARE_TOPIC_SPECS,
  TRAINING_TOPICS,
  TRAINING_TOPIC_SPECS,
  topicSpec,
  deadLetterTopic,
  DIVISIONS,
  COMPACTED_WITHIN_MS,
  COMPACTED_SEGMENT_MS,
  isDivision,
  PRIVACY_SUBGRAPHS,
  DATA_EXPORT_TOPIC,
  OWNER_ERASURE_TOPIC,
  dataExportPartTopic,
  type PrivacySubgraph,
  type DataExportPartTopic,
  ownerPersonalTopic,
  type Division,
  type OwnerPersonalTopic,
  type CoreAggregate,
  type TopicSpec,
} from './topics';
export type { EventTransport, OutgoingMessage, IncomingMessage, ConsumeOptions, Subscription, SubscriptionHealth, ConsumerState } from './transport';
export { LocalTransport } from './local-transport';
export { KafkaTransport, type KafkaTransportOptions } from './kafka-transport';
export { partitionFor } from './partition';
export {
  outboxTable,
  withOutbox,
  createOutbox,
  type Outbox,
  outboxBacklog,
  type OutboxTable,
  type OutboxBacklog,
  type PendingEvent,
  type Emit,
} from './outbox';
export { OutboxRelay, type RelayOptions, type RelayStatus } from './relay';
export { copyColumns, versionedUpsert, newestPerAggregate, copyVersions, unseenEvents, ownerSignInProjection, petsGone, type PetGone } from './copies';
export { Projector, type Projection, type ProjectorOptions, type ProjectorHealth } from './projector';
export { transportFromEnv } from './env';
export { notifyOutbox, onOutboxCommit } from './notify';
export { reconcile, waitForNoDrift, hasDrift, formatDrift, type CopyPair, type Drift } from './reconcile';
export { checkRules, formatViolations, type RuleCheck, type DivisionChecks, type RuleViolation } from './checks';
export * from './contracts';
