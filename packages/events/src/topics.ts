/**
 * Topic names are data, defined here once: `<producer>.<aggregate>`, keyed by aggregate id, compacted. Core
 * publishes one topic per aggregate; divisions publish what others keep of theirs.
 */
export const CORE_TOPICS = {
  owner: 'core.owner',
  pet: 'core.pet',
  household: 'core.household',
} as const;

export type CoreAggregate = keyof typeof CORE_TOPICS;

/**
 * The divisions an owner may let hold their personal data: the keys of Owner.dataSharing. Each has a topic of its
 * own for it (`ownerPersonalTopic`), published by core whether or not the division runs yet: a division that
 * starts late reads the latest answer per owner from its compacted topic.
 */
export const DIVISIONS = ['licensure', 'healthcare', 'care', 'training', 'grooming', 'food', 'foundation'] as const;
export type Division = (typeof DIVISIONS)[number];

export const isDivision = (name: string): name is Division => (DIVISIONS as readonly string[]).includes(name);

/** Where core publishes what one division may hold of each owner's personal data (see the owner-personal contract). */
export const ownerPersonalTopic = <D extends Division>(division: D) => `core.owner-personal.${division}` as const;
export type OwnerPersonalTopic = ReturnType<typeof ownerPersonalTopic<Division>>;

/** Licensure's registry numbers and current licence per pet: core keeps them on the pet for look-ups. */
export const LICENSURE_TOPICS = {
  registry: 'licensure.registry',
} as const;

/**
 * Healthcare's records others keep: a vaccine given at a completed appointment, which licensure records as the
 * pet's vaccination. Keyed by the vaccination's id (one aggregate per vaccine given).
 */
export const HEALTHCARE_TOPICS = {
  vaccination: 'healthcare.vaccination',
} as const;

/**
 * Training's records others keep: a certification a dog earned by completing a program, which licensure records
 * as the pet's certification. Keyed by the certification's id (one aggregate per certificate issued).
 */
export const TRAINING_TOPICS = {
  certification: 'training.certification',
} as const;

/** Where a division's projector puts events it cannot apply, with the reason. */
export const deadLetterTopic = (groupId: string) => `${groupId}.dead-letter`;

export interface TopicSpec {
  name: string;
  partitions: number;
  /**
   * Compacted topics keep the latest event per key forever, so a late division can rebuild from them. Records a
   * newer one (or a tombstone) replaced are removed within COMPACTED_WITHIN_MS once their segment has rolled
   * (segment.ms: a day, on the next write): an erased owner's older records do not linger for months.
   */
  compacted: boolean;
  /** How long the broker keeps a message of a topic that is not compacted; the broker's default when absent. */
  retentionMs?: number;
}

/** The bound on a superseded record of a compacted topic (max.compaction.lag.ms); segments roll daily. */
export const COMPACTED_WITHIN_MS = 7 * 24 * 3600_000;
export const COMPACTED_SEGMENT_MS = 24 * 3600_000;

/** Every subgraph that answers privacy requests: core and the divisions. */
export const PRIVACY_SUBGRAPHS = ['core', ...DIVISIONS] as const;
export type PrivacySubgraph = (typeof PRIVACY_SUBGRAPHS)[number];

/** Core's requests to every subgraph to export what it holds of an owner, keyed by export id. */
export const DATA_EXPORT_TOPIC = 'core.data-export';
/** Where a subgraph sends its part of an export back to core, in pieces keyed `<exportId>:<part>`. */
export const dataExportPartTopic = <S extends PrivacySubgraph>(subgraph: S) => `${subgraph}.data-export-part` as const;
export type DataExportPartTopic = ReturnType<typeof dataExportPartTopic<PrivacySubgraph>>;

/** Core's notice that an owner's grace period is over: every subgraph purges or anonymises what it holds of them. */
export const OWNER_ERASURE_TOPIC = 'core.owner-erasure';

const DAY_MS = 24 * 3600_000;
/** Requests wait a week for a division that is down; parts carry personal data and core collects them at once. */
const PRIVACY_TOPIC_SPECS: TopicSpec[] = [
  { name: DATA_EXPORT_TOPIC, partitions: 1, compacted: false, retentionMs: 7 * DAY_MS },
  // A division down for longer than this misses the notice (README, Privacy: erasure).
  { name: OWNER_ERASURE_TOPIC, partitions: 1, compacted: false, retentionMs: 30 * DAY_MS },
  ...PRIVACY_SUBGRAPHS.map((subgraph) => ({ name: dataExportPartTopic(subgraph), partitions: 1, compacted: false, retentionMs: DAY_MS })),
];

const aggregateTopic = (name: string): TopicSpec => ({ name, partitions: 3, compacted: true });

/** Created by the admin client at start-up (brokers here never auto-create topics). */
export const CORE_TOPIC_SPECS: TopicSpec[] = [
  ...Object.values(CORE_TOPICS).map(aggregateTopic),
  // Owners' personal data changes seldom: one partition per division is plenty, and keeps the broker light.
  ...DIVISIONS.map((division) => ({ name: ownerPersonalTopic(division), partitions: 1, compacted: true })),
];
export const LICENSURE_TOPIC_SPECS: TopicSpec[] = Object.values(LICENSURE_TOPICS).map(aggregateTopic);
export const HEALTHCARE_TOPIC_SPECS: TopicSpec[] = Object.values(HEALTHCARE_TOPICS).map(aggregateTopic);
export const TRAINING_TOPIC_SPECS: TopicSpec[] = Object.values(TRAINING_TOPICS).map(aggregateTopic);

const KNOWN_TOPICS = new Map(
  [...CORE_TOPIC_SPECS, ...LICENSURE_TOPIC_SPECS, ...HEALTHCARE_TOPIC_SPECS, ...TRAINING_TOPIC_SPECS, ...PRIVACY_TOPIC_SPECS].map((spec) => [spec.name, spec]),
);

/** The spec of a topic defined here; a topic nobody defined is a mistake, not something to create blindly. */
export function topicSpec(name: string): TopicSpec {
  const spec = KNOWN_TOPICS.get(name);
  if (!spec) throw new Error(`topic "${name}" is not defined in packages/events/src/topics.ts`);
  return spec;
}
