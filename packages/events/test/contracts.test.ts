import { randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { pgSchema, text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { onEmbedded, openMemoryPostgres, type Database, type EmbeddedPostgres } from '@psa/db';
import {
  CORE_TOPIC_SPECS,
  CORE_TOPICS,
  contractOf,
  copyColumns,
  createEnvelope,
  defineContract,
  encodeEnvelope,
  HEALTHCARE_TOPIC_SPECS,
  TRAINING_TOPIC_SPECS,
  LICENSURE_TOPIC_SPECS,
  LocalTransport,
  newestPerAggregate,
  olderVersion,
  ownerContract,
  petContract,
  petDeletedPayload,
  petEvents,
  petPayload,
  Projector,
  versionedUpsert,
  type IncomingMessage,
  type PetEnvelope,
  type PetPayload,
  type Projection,
} from '../src';

const at = '2026-11-01T10:00:00.000Z';
const pet = (id: string, extra: Partial<PetPayload> = {}): PetPayload => ({
  id,
  name: 'Rex',
  species: 'DOG',
  breed: ['Collie'],
  mixBreed: false,
  sex: 'MALE',
  birthDate: '2020-01-01',
  approximateAge: false,
  weight: 40,
  height: null,
  color: ['black'],
  markings: null,
  photos: [],
  microchipNumber: '985112345678901',
  tattooId: null,
  registryNumber: null,
  blockchainId: null,
  ownerId: randomUUID(),
  householdId: null,
  status: 'ACTIVE',
  statusUpdatedAt: at,
  emergencyContacts: [],
  licenseId: null,
  insurancePolicyId: null,
  dnaProfileId: null,
  version: 1,
  registryVersion: 0,
  createdAt: at,
  updatedAt: at,
  ...extra,
});
/** An envelope as it may arrive from a topic: anything in its payload, any schemaVersion. */
const arriving = (aggregateId: string, version: number, payload: Record<string, unknown>, schemaVersion = 1, type = 'pet.updated') =>
  createEnvelope({ type, aggregateType: 'pet', aggregateId, version, source: 'core', schemaVersion, payload });

describe('a topic contract', () => {
  it('exists for every topic defined in topics.ts', () => {
    for (const { name } of [...CORE_TOPIC_SPECS, ...LICENSURE_TOPIC_SPECS, ...HEALTHCARE_TOPIC_SPECS, ...TRAINING_TOPIC_SPECS])
      expect(contractOf(name).topic).toBe(name);
    expect(() => contractOf('core.species')).toThrow('topic "core.species" has no contract');
  });

  it('reads an event with an unknown extra field, and strips the field', () => {
    const id = randomUUID();
    const event = petContract.parse(arriving(id, 1, { ...pet(id), favouriteToy: 'ball' }));
    expect(event.type).toBe('pet.updated');
    expect(event.payload).toEqual(pet(id, { ownerId: expect.any(String) }));
    expect(event.payload).not.toHaveProperty('favouriteToy');
  });

  it("names the failing fields, zod's message and the schemaVersion", () => {
    const id = randomUUID();
    expect(() => petContract.parse(arriving(id, 1, { ...pet(id), microchipNumber: 42, status: 'MISSING' }))).toThrow(
      'core.pet schemaVersion 1 breaks its contract: payload.microchipNumber: Invalid input: expected string, received number; payload.status: Invalid option: expected one of "ACTIVE"|"LOST"|"FOUND"|"DECEASED"|"TRANSFERRED"',
    );
    expect(() => petContract.parse(arriving(id, 1, pet(id), 2))).toThrow(
      'core.pet schemaVersion 2 breaks its contract: schemaVersion 2 is not accepted (accepts 1)',
    );
    expect(() => petContract.parse(arriving(id, 1, pet(id), 1, 'pet.renamed'))).toThrow(/core\.pet schemaVersion 1 breaks its contract: type: /);
    expect(() => ownerContract.parse(arriving(id, 1, pet(id)))).toThrow(
      'core.owner schemaVersion 1 breaks its contract: aggregateType: expected "owner", got "pet"',
    );
  });

  it('models deletes by event type: a delete carries only the id', () => {
    const id = randomUUID();
    const event = petContract.parse(arriving(id, 2, { id, deleted: true }, 1, 'pet.deleted'));
    expect(event.type === 'pet.deleted' && event.payload).toEqual({ id, deleted: true });
    expect(() => petContract.parse(arriving(id, 2, { id, deleted: true }, 1, 'pet.updated'))).toThrow(
      /payload\.name: Invalid input: expected string, received undefined/,
    );
  });

  it("refuses to build an envelope that breaks it, so the producer's transaction fails", () => {
    const id = randomUUID();
    const broken = { ...pet(id), weight: Number.NaN };
    expect(() => petContract.envelope({ type: 'pet.updated', aggregateId: id, version: 1, payload: broken })).toThrow(
      'core.pet schemaVersion 1 breaks its contract: payload.weight: Invalid input: expected number, received NaN',
    );
    expect(petContract.envelope({ type: 'pet.updated', aggregateId: id, version: 1, payload: pet(id) })).toMatchObject({
      schemaVersion: 1,
      source: 'core',
      aggregateType: 'pet',
    });
  });
});

/**
 * After a breaking change: core.pet at schemaVersion 2, where version 1 called the microchip `chip`. Consumers
 * accept both for the window and read version 1 as version 2.
 */
const petV1Events = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['pet.registered', 'pet.updated', 'pet.status_changed', 'pet.transferred']),
    payload: petPayload.omit({ microchipNumber: true }).extend({ chip: z.string().nullable() }),
  }),
  z.object({ type: z.literal('pet.deleted'), payload: petDeletedPayload }),
]);
const petContractV2 = defineContract({
  topic: CORE_TOPICS.pet,
  aggregateType: 'pet',
  source: 'core',
  schemaVersion: 2,
  events: petEvents,
  older: {
    1: olderVersion(petV1Events, (event) => {
      if (event.type === 'pet.deleted') return event;
      const { chip, ...rest } = event.payload;
      return { type: event.type, payload: { ...rest, microchipNumber: chip } };
    }),
  },
});

describe('the projector reads every event through the contract before apply', () => {
  const test = pgSchema('contract_test');
  const copies = test.table('pet_copies', { ...copyColumns(), name: text('name'), microchipNumber: text('microchip_number') });
  let embedded: EmbeddedPostgres;
  let database: Database;
  let transport: LocalTransport;
  const received: PetEnvelope[][] = [];
  const projection: Projection<typeof CORE_TOPICS.pet> = {
    topic: CORE_TOPICS.pet,
    contract: petContractV2,
    async apply(tx, events) {
      received.push(events);
      await versionedUpsert(
        tx,
        copies,
        newestPerAggregate(events).map((e) =>
          e.type === 'pet.deleted'
            ? { id: e.aggregateId, version: e.version, deleted: true }
            : { id: e.aggregateId, version: e.version, deleted: false, name: e.payload.name, microchipNumber: e.payload.microchipNumber },
        ),
      );
    },
  };

  beforeAll(async () => {
    embedded = await openMemoryPostgres();
    database = await onEmbedded(embedded);
    await database.db.execute(sql.raw('create schema contract_test'));
    await database.db.execute(
      sql.raw(
        `create table contract_test.pet_copies (id uuid primary key, version integer not null, deleted boolean not null default false, copied_at timestamptz not null default now(), name text, microchip_number text)`,
      ),
    );
    transport = new LocalTransport();
  }, 60_000);
  afterAll(async () => {
    await transport?.close();
    await embedded?.close();
  });

  it('a breach goes to the dead-letter topic with its field and schemaVersion and writes nothing; the events around it, an unknown extra field and an older accepted version apply', async () => {
    const projector = new Projector({ groupId: 'contract-test', database, transport, projections: [projection], log: () => {} });
    await projector.start();
    const dead: IncomingMessage[] = [];
    const watcher = await transport.subscribe({
      groupId: 'contract-test-watch',
      topics: [projector.deadLetterTopic],
      fromBeginning: true,
      handleBatch: async (m) => void dead.push(...m),
    });

    const [rex, tom, old, future] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const { microchipNumber: _chip, ...withoutChip } = pet(old);
    // rex: v1 fine, v2 breaks the contract (between two good events, one key, so one batch), v3 fine.
    await transport.publish(CORE_TOPICS.pet, [
      { key: rex, value: encodeEnvelope(arriving(rex, 1, pet(rex), 2)) },
      { key: rex, value: encodeEnvelope(arriving(rex, 2, { ...pet(rex, { name: 'Broken' }), microchipNumber: 42 }, 2)) },
      { key: rex, value: encodeEnvelope(arriving(rex, 3, pet(rex, { name: 'Rex III' }), 2)) },
      { key: tom, value: encodeEnvelope(arriving(tom, 1, { ...pet(tom, { name: 'Tom' }), favouriteToy: 'ball' }, 2)) },
      { key: old, value: encodeEnvelope(arriving(old, 1, { ...withoutChip, name: 'Old', chip: '985000000000001' }, 1)) },
      { key: future, value: encodeEnvelope(arriving(future, 1, pet(future), 3)) },
    ]);
    await projector.caughtUp(30_000);
    const deadline = Date.now() + 10_000;
    while (dead.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await watcher.stop();
    await projector.stop();

    const rows = await database.db
      .select({ id: copies.id, version: copies.version, name: copies.name, microchipNumber: copies.microchipNumber })
      .from(copies)
      .orderBy(asc(copies.name));
    expect(rows).toEqual([
      { id: old, version: 1, name: 'Old', microchipNumber: '985000000000001' },
      { id: rex, version: 3, name: 'Rex III', microchipNumber: '985112345678901' },
      { id: tom, version: 1, name: 'Tom', microchipNumber: '985112345678901' },
    ]);
    // The breach never reached apply; the extra field was stripped before it.
    const applied = received.flat();
    expect(applied.map((e) => `${e.aggregateId === rex ? 'rex' : e.aggregateId === tom ? 'tom' : 'old'}@${e.version}`).sort()).toEqual([
      'old@1',
      'rex@1',
      'rex@3',
      'tom@1',
    ]);
    expect(applied.find((e) => e.aggregateId === tom)!.payload).not.toHaveProperty('favouriteToy');
    expect(projector.applied).toBe(4);
    expect(projector.deadLettered).toBe(2);
    expect(projector.lastDeadLetterReason).toMatch(/^core\.pet schemaVersion [23] breaks its contract/);

    const letters = dead.map((m) => ({ key: m.key, ...(JSON.parse(m.value!.toString()) as { reason: string; topic: string }) }));
    expect(letters.map(({ key, reason, topic }) => ({ key, reason, topic })).sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
      {
        key: rex,
        topic: CORE_TOPICS.pet,
        reason: 'core.pet schemaVersion 2 breaks its contract: payload.microchipNumber: Invalid input: expected string, received number',
      },
      { key: future, topic: CORE_TOPICS.pet, reason: 'core.pet schemaVersion 3 breaks its contract: schemaVersion 3 is not accepted (accepts 1, 2)' },
    ]);
  }, 60_000);
});
