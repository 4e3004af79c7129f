import { randomUUID } from 'node:crypto';
import { isUuid } from '@psa/db';

/**
 * What travels on a topic. `payload` is the full state divisions may see (state transfer, not a diff);
 * `version` increases with every change of the aggregate, which is what makes replays and duplicates harmless.
 */
export interface EventEnvelope<P = Record<string, unknown>> {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  version: number;
  occurredAt: string;
  source: string;
  schemaVersion: number;
  payload: P;
}

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
  constructor(readonly problems: string[]) {
    super(`invalid event envelope: ${problems.join('; ')}`);
  }
}

const NAME = /^[a-z][a-z0-9_.-]*$/i;

/** Checks every field and reports all problems at once; returns the value typed when it is an envelope. */
export function validateEnvelope(value: unknown): EventEnvelope {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EnvelopeError([`expected an object, got ${JSON.stringify(value)}`]);
  const e = value as Record<string, unknown>;
  const text = (field: string, pattern: RegExp, what: string) => {
    if (typeof e[field] !== 'string' || !pattern.test(e[field] as string)) problems.push(`${field} must be ${what}, got ${JSON.stringify(e[field])}`);
  };
  if (typeof e.id !== 'string' || !isUuid(e.id)) problems.push(`id must be a UUID, got ${JSON.stringify(e.id)}`);
  text('type', NAME, 'an event name such as pet.updated');
  text('aggregateType', NAME, 'an aggregate name such as pet');
  text('aggregateId', /^\S+$/, 'a non-empty id');
  text('source', NAME, 'the producing subgraph');
  if (!Number.isSafeInteger(e.version) || (e.version as number) < 1) problems.push(`version must be an integer >= 1, got ${JSON.stringify(e.version)}`);
  if (!Number.isSafeInteger(e.schemaVersion) || (e.schemaVersion as number) < 1)
    problems.push(`schemaVersion must be an integer >= 1, got ${JSON.stringify(e.schemaVersion)}`);
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt)))
    problems.push(`occurredAt must be an ISO-8601 instant, got ${JSON.stringify(e.occurredAt)}`);
  if (typeof e.payload !== 'object' || e.payload === null || Array.isArray(e.payload))
    problems.push(`payload must be an object, got ${JSON.stringify(e.payload)}`);
  if (problems.length > 0) throw new EnvelopeError(problems);
  return value as EventEnvelope;
}

export function createEnvelope<P extends Record<string, unknown>>(
  fields: Omit<EventEnvelope<P>, 'id' | 'occurredAt' | 'schemaVersion'> & Partial<Pick<EventEnvelope<P>, 'id' | 'occurredAt' | 'schemaVersion'>>,
): EventEnvelope<P> {
  const envelope = { id: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, ...fields };
  validateEnvelope(envelope);
  return envelope;
}

export function encodeEnvelope(envelope: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(validateEnvelope(envelope)));
}

/** Parses and validates a message value; throws EnvelopeError (with the reason) for anything else. */
export function decodeEnvelope(value: Buffer | string): EventEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch {
    throw new EnvelopeError([`value is not JSON: ${value.toString().slice(0, 80)}`]);
  }
  return validateEnvelope(parsed);
}
