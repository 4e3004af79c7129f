import { z } from 'zod';
import { createEnvelope, type EventEnvelope } from '../envelope';

/** What a topic carries besides the envelope's own fields: the event's type and its payload. */
export interface ContractEvent {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * An envelope whose `type` and `payload` the contract vouches for. The intersection distributes over the
 * contract's events, so `if (event.type === 'pet.deleted')` narrows `event.payload` to the delete's payload.
 */
export type ContractEnvelope<E extends ContractEvent> = Omit<EventEnvelope, 'type' | 'payload'> & E;

/** A topic's events at one schemaVersion, discriminated by type (`{ type, payload }`). */
export type EventsSchema<E extends ContractEvent> = z.ZodType<E>;

/**
 * A schemaVersion consumers still accept after a breaking change: its own schema, and how one of its events reads
 * at the current version. Listed only for the window of the change (see README), then deleted.
 */
export interface OlderVersion<E extends ContractEvent> {
  read(value: unknown): { success: true; data: E } | { success: false; error: z.ZodError };
}

export function olderVersion<S extends z.ZodType<ContractEvent>, E extends ContractEvent>(schema: S, upgrade: (event: z.output<S>) => E): OlderVersion<E> {
  return {
    read(value) {
      const parsed = schema.safeParse(value);
      return parsed.success ? { success: true, data: upgrade(parsed.data) } : { success: false, error: parsed.error };
    },
  };
}

/** An event that breaks its topic's contract; the message names the topic, schemaVersion and failing fields. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
  constructor(
    readonly topic: string,
    readonly schemaVersion: unknown,
    readonly problems: string[],
  ) {
    super(`${topic} schemaVersion ${JSON.stringify(schemaVersion)} breaks its contract: ${problems.join('; ')}`);
  }
}

/** Zod's issues as `field.path: message`, e.g. `payload.microchipNumber: Invalid input: expected string, received number`. */
function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(event)'}: ${issue.message}`);
}

export interface ContractDefinition<E extends ContractEvent> {
  topic: string;
  aggregateType: string;
  /** The subgraph that publishes the topic. */
  source: string;
  /** What the producer publishes now. */
  schemaVersion: number;
  events: EventsSchema<E>;
  /** Older versions consumers still accept, by schemaVersion, while producers move to `schemaVersion`. */
  older?: Record<number, OlderVersion<E>>;
}

export interface EventContract<E extends ContractEvent> {
  readonly topic: string;
  readonly aggregateType: string;
  readonly source: string;
  readonly schemaVersion: number;
  /** Every schemaVersion a consumer applies: the current one and those still in their window. */
  readonly accepts: readonly number[];
  readonly events: EventsSchema<E>;
  /**
   * Reads an envelope from the topic as the current version. Unknown extra fields are stripped: a consumer sees
   * exactly what the contract declares and cannot come to depend on something nobody promised. Throws
   * ContractViolation for anything else.
   */
  parse(envelope: EventEnvelope): ContractEnvelope<E>;
  /**
   * The envelope a producer publishes, at the current schemaVersion: the event is checked first, so a producer's
   * bug throws (and rolls its transaction back) instead of reaching the topic.
   */
  envelope(event: E & { aggregateId: string; version: number }): ContractEnvelope<E>;
}

export function defineContract<E extends ContractEvent>(definition: ContractDefinition<E>): EventContract<E> {
  const { topic, aggregateType, source, schemaVersion, events } = definition;
  const older = new Map(Object.entries(definition.older ?? {}).map(([version, reader]) => [Number(version), reader]));
  if (older.has(schemaVersion)) throw new Error(`${topic}: schemaVersion ${schemaVersion} is the current one, not an older one`);
  const accepts = [schemaVersion, ...older.keys()].sort((a, b) => a - b);

  const read = (version: unknown, value: unknown): E => {
    const parsed =
      version === schemaVersion ? events.safeParse(value) : typeof version === 'number' && older.has(version) ? older.get(version)!.read(value) : null;
    if (parsed === null)
      throw new ContractViolation(topic, version, [`schemaVersion ${JSON.stringify(version)} is not accepted (accepts ${accepts.join(', ')})`]);
    if (!parsed.success) throw new ContractViolation(topic, version, describe(parsed.error));
    return parsed.data;
  };
  const typed = (envelope: Omit<EventEnvelope, 'type' | 'payload'>, event: E): ContractEnvelope<E> => ({ ...envelope, ...event });

  return {
    topic,
    aggregateType,
    source,
    schemaVersion,
    accepts,
    events,
    parse(envelope) {
      if (envelope.aggregateType !== aggregateType)
        throw new ContractViolation(topic, envelope.schemaVersion, [
          `aggregateType: expected "${aggregateType}", got ${JSON.stringify(envelope.aggregateType)}`,
        ]);
      const { type, payload, ...rest } = envelope;
      return typed(rest, read(envelope.schemaVersion, { type, payload }));
    },
    envelope({ aggregateId, version, type, payload }) {
      const event = read(schemaVersion, { type, payload });
      const {
        type: _type,
        payload: _payload,
        ...rest
      } = createEnvelope({ type: event.type, aggregateType, aggregateId, version, source, schemaVersion, payload: event.payload });
      return typed(rest, event);
    },
  };
}

/** The typed envelopes of a contract's topic. */
export type EnvelopeOf<C> = C extends EventContract<infer E> ? ContractEnvelope<E> : never;
/** The `{ type, payload }` union of a contract's topic. */
export type EventOf<C> = C extends EventContract<infer E> ? E : never;
