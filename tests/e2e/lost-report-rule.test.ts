import { randomUUID } from 'node:crypto';
import { licensure } from '@psa/licensure';
import { migrateSchema, openPostgres, type Database, type Db } from '@psa/db';
import { checkRules, petContract, type PetEnvelope, type PetPayload } from '@psa/events';
import { createTestDatabase, type TestDatabase } from '@psa/testing';
import { petProjection } from '../../subgraphs/licensure/src/modules/core-copies/projections';
import { lostReportChecks } from '../../subgraphs/licensure/src/modules/lost-pets/checks';

/**
 * Licensure's lost-report rule, fed core's pet events the ways Kafka can deliver them: several states of one pet in
 * one batch, one state per batch, only the newest state (compaction), and everything again (replay). The result
 * must be the same rule every time: an open report exactly while core says LOST.
 */
let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase('lost_report_rule');
  database = openPostgres(testDb.url, { maxConnections: 2 });
  await migrateSchema(database, { schema: 'licensure', migrationsFolder: licensure.migrationsFolder });
}, 60_000);
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const ownerId = randomUUID();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();

/** Events as core publishes them: through core.pet's contract. */
function petEvent(petId: string, version: number, status: PetPayload['status'], minute: number): PetEnvelope {
  const type = version === 1 ? 'pet.registered' : 'pet.status_changed';
  const payload = {
    id: petId,
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
    microchipNumber: null,
    tattooId: null,
    registryNumber: null,
    blockchainId: null,
    ownerId,
    householdId: null,
    status,
    statusUpdatedAt: at(minute),
    emergencyContacts: [],
    licenseId: null,
    insurancePolicyId: null,
    dnaProfileId: null,
    version,
    registryVersion: 0,
    createdAt: at(0),
    updatedAt: at(minute),
  };
  return petContract.envelope({ type, aggregateId: petId, version, payload });
}

const deleted = (petId: string, version: number) =>
  petContract.envelope({ type: 'pet.deleted', aggregateId: petId, version, payload: { id: petId, deleted: true } });

const apply = (events: PetEnvelope[]) => database.db.transaction((tx) => petProjection.apply(tx as unknown as Db, events));

async function reports(petId: string) {
  const { rows } = (await database.db.execute(
    `select status::text, extract(epoch from lost_date)::float8 as lost, extract(epoch from found_date)::float8 as found, found_by, follows_core_status
     from licensure.lost_pet_reports where pet_id = '${petId}' order by lost_date, created_at` as never,
  )) as unknown as { rows: { status: string; lost: number; found: number | null; found_by: string | null; follows_core_status: boolean }[] };
  const iso = (epoch: number | null) => (epoch === null ? null : new Date(Number(epoch) * 1000).toISOString());
  return rows.map((r) => ({ status: r.status, lost: iso(r.lost), found: iso(r.found), by: r.found_by, follows: r.follows_core_status }));
}

async function rulesHold(): Promise<string[]> {
  return (await checkRules([{ division: 'licensure', db: database.db, checks: lostReportChecks }])).map((v) => `${v.rule}: ${v.ids.join(', ')}`);
}

describe('lost reports follow core status however events arrive', () => {
  it('one batch with LOST, FOUND and ACTIVE: one report, found at FOUND time', async () => {
    const pet = randomUUID();
    await apply([petEvent(pet, 1, 'ACTIVE', 0), petEvent(pet, 2, 'LOST', 1), petEvent(pet, 3, 'FOUND', 2), petEvent(pet, 4, 'ACTIVE', 3)]);
    expect(await reports(pet)).toEqual([{ status: 'FOUND', lost: at(1), found: at(2), by: 'owner', follows: true }]);
    expect(await rulesHold()).toEqual([]);
  });

  it('two episodes in one batch leave two reports; a replay of everything, newest first and twice, changes nothing', async () => {
    const pet = randomUUID();
    const history = [
      petEvent(pet, 1, 'ACTIVE', 0),
      petEvent(pet, 2, 'LOST', 1),
      petEvent(pet, 3, 'FOUND', 2),
      petEvent(pet, 4, 'LOST', 3),
      petEvent(pet, 5, 'ACTIVE', 4),
      petEvent(pet, 6, 'LOST', 5),
    ];
    await apply(history);
    const expected = [
      { status: 'FOUND', lost: at(1), found: at(2), by: 'owner', follows: true },
      { status: 'FOUND', lost: at(3), found: at(4), by: 'owner', follows: true },
      { status: 'LOST', lost: at(5), found: null, by: null, follows: true },
    ];
    expect(await reports(pet)).toEqual(expected);
    const replay = [...history].reverse();
    await apply([...replay, ...replay]);
    for (const event of history) await apply([event]);
    expect(await reports(pet)).toEqual(expected);
    expect(await rulesHold()).toEqual([]);
  });

  it('LOST then ACTIVE directly, one event per batch: the report is closed as found', async () => {
    const pet = randomUUID();
    await apply([petEvent(pet, 1, 'LOST', 0)]);
    expect(await rulesHold()).toEqual([]);
    await apply([petEvent(pet, 2, 'ACTIVE', 7)]);
    expect(await reports(pet)).toEqual([{ status: 'FOUND', lost: at(0), found: at(7), by: 'owner', follows: true }]);
    expect(await rulesHold()).toEqual([]);
  });

  it('after compaction only the newest state arrives: LOST opens at its time, a later state alone closes', async () => {
    const pet = randomUUID();
    await apply([petEvent(pet, 5, 'LOST', 4)]);
    expect(await reports(pet)).toEqual([{ status: 'LOST', lost: at(4), found: null, by: null, follows: true }]);
    await apply([petEvent(pet, 9, 'TRANSFERRED', 8)]);
    expect(await reports(pet)).toEqual([{ status: 'FOUND', lost: at(4), found: at(8), by: 'owner', follows: true }]);
  });

  it('DECEASED or deleted closes the report without a found date', async () => {
    const [dies, goes] = [randomUUID(), randomUUID()];
    await apply([petEvent(dies, 1, 'LOST', 0), petEvent(dies, 2, 'DECEASED', 3), petEvent(goes, 1, 'LOST', 0)]);
    await apply([deleted(goes, 2)]);
    expect(await reports(dies)).toEqual([{ status: 'CLOSED', lost: at(0), found: null, by: null, follows: true }]);
    expect(await reports(goes)).toEqual([{ status: 'CLOSED', lost: at(0), found: null, by: null, follows: true }]);
    expect(await rulesHold()).toEqual([]);
  });

  it("a registrar's own report is left alone until core says LOST; from then on it follows core", async () => {
    const pet = randomUUID();
    await apply([petEvent(pet, 1, 'ACTIVE', 0)]);
    const { rows } = (await database.db.execute(
      `insert into licensure.pet_registry (pet_id, status) values ('${pet}', 'ACTIVE') returning id` as never,
    )) as unknown as { rows: { id: string }[] };
    await database.db.execute(
      `insert into licensure.lost_pet_reports (pet_id, registry_id, reported_by, lost_date, last_seen_location, physical_description) values ('${pet}', '${rows[0]!.id}', 'registrar-1', '${at(1)}', '{"description":"park"}', 'black collie')` as never,
    );
    await apply([petEvent(pet, 2, 'ACTIVE', 2)]);
    expect(await reports(pet)).toEqual([{ status: 'LOST', lost: at(1), found: null, by: null, follows: false }]);
    expect(await rulesHold()).toEqual([]);
    await apply([petEvent(pet, 3, 'LOST', 3)]);
    expect(await reports(pet)).toEqual([{ status: 'LOST', lost: at(1), found: null, by: null, follows: true }]);
    await apply([petEvent(pet, 4, 'FOUND', 4)]);
    expect(await reports(pet)).toEqual([{ status: 'FOUND', lost: at(1), found: at(4), by: 'owner', follows: true }]);
    expect(await rulesHold()).toEqual([]);
  });

  it('the checks name what a skipped side effect leaves behind', async () => {
    const [found, lost] = [randomUUID(), randomUUID()];
    await apply([petEvent(found, 1, 'LOST', 0), petEvent(lost, 1, 'LOST', 0)]);
    // As the old projector left them: the copy moved on, the report did not; a LOST pet without its report.
    await database.db.execute(`update licensure.pet_copies set status = 'ACTIVE', version = 2 where id = '${found}'` as never);
    await database.db.execute(`delete from licensure.lost_pet_reports where pet_id = '${lost}'` as never);
    expect(await rulesHold()).toEqual([
      `a lost report that follows core is open only while core says the pet is LOST: ${found}`,
      `a pet core says is LOST has exactly one open lost report: ${lost}`,
    ]);
    // The next event of each pet puts the reports right again: the rule is applied from the state, not the change.
    await apply([petEvent(found, 3, 'ACTIVE', 5), petEvent(lost, 2, 'LOST', 5)]);
    expect(await rulesHold()).toEqual([]);
  });
});
