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

/** Licensure's registry numbers and current licence per pet: core keeps them on the pet for look-ups. */
export const LICENSURE_TOPICS = {
  registry: 'licensure.registry',
} as const;

/** Where a division's projector puts events it cannot apply, with the reason. */
export const deadLetterTopic = (groupId: string) => `${groupId}.dead-letter`;

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Compacted topics keep the latest event per key forever, so a late division can rebuild from them. */
  compacted: boolean;
}

const aggregateTopic = (name: string): TopicSpec => ({ name, partitions: 3, compacted: true });

/** Created by the admin client at start-up (brokers here never auto-create topics). */
export const CORE_TOPIC_SPECS: TopicSpec[] = Object.values(CORE_TOPICS).map(aggregateTopic);
export const LICENSURE_TOPIC_SPECS: TopicSpec[] = Object.values(LICENSURE_TOPICS).map(aggregateTopic);

const KNOWN_TOPICS = new Map([...CORE_TOPIC_SPECS, ...LICENSURE_TOPIC_SPECS].map((spec) => [spec.name, spec]));

/** The spec of a topic defined here; a topic nobody defined is a mistake, not something to create blindly. */
export function topicSpec(name: string): TopicSpec {
  const spec = KNOWN_TOPICS.get(name);
  if (!spec) throw new Error(`topic "${name}" is not defined in packages/events/src/topics.ts`);
  return spec;
}
