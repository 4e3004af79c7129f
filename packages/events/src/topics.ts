/** Topic names are data, defined here once. One topic per core aggregate, keyed by aggregate id, compacted. */
export const CORE_TOPICS = {
  owner: 'core.owner',
  pet: 'core.pet',
  household: 'core.household',
} as const;

export type CoreAggregate = keyof typeof CORE_TOPICS;

/** Where a division's projector puts events it cannot apply, with the reason. */
export const deadLetterTopic = (groupId: string) => `${groupId}.dead-letter`;

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Compacted topics keep the latest event per key forever, so a late division can rebuild from them. */
  compacted: boolean;
}

/** Created by the admin client at start-up (brokers here never auto-create topics). */
export const CORE_TOPIC_SPECS: TopicSpec[] = Object.values(CORE_TOPICS).map((name) => ({ name, partitions: 3, compacted: true }));
