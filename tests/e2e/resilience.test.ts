import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { openPostgres } from '@psa/db';
import { formatDrift, hasDrift, KafkaTransport, reconcile } from '@psa/events';
import { createTestDatabase, startTestStack, TestBroker, testBrokerPort, type TestStack } from '@psa/testing';
import { createOwner, must, registerPets, setStatuses } from './helpers';
import { startSubgraphProcess, waitFor } from './processes';

// A broker of this suite's own: the tests crash it, and the rest of the suite's broker must stay up.
const broker = new TestBroker(testBrokerPort(100));

beforeAll(() => broker.start(), 180_000);
afterAll(() => broker.stop(false), 60_000);

describe('the broker crashes (SIGKILL) while core keeps writing', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([core, licensure], {
      transport: new KafkaTransport({ brokers: [broker.brokers], clientId: 'resilience', namespace: 'outage.' }),
    });
  }, 120_000);
  afterAll(() => stack?.close(), 120_000);

  it('keeps every event in the outbox and delivers it after the restart: no drift, the running projector rejoins', async () => {
    const owner = await createOwner(stack, 'outage-owner');
    const before = await registerPets(stack, owner, 20);
    await stack.settle();

    await broker.kill();
    // Writes go on: each change and its event commit together in core's database.
    await setStatuses(stack, owner, before, 'LOST');
    const during = await registerPets(stack, owner, 10);
    const { rows } = await stack.subgraphs.core!.sql.query('select count(*)::int as n from core.outbox where sent_at is null');
    expect(rows[0].n).toBeGreaterThanOrEqual(30);

    await broker.start();
    await stack.settle(120_000);
    expect(hasDrift(await stack.reconcile())).toBe(false);
    const unsent = await stack.subgraphs.core!.sql.query('select count(*)::int as n from core.outbox where sent_at is null');
    expect(unsent.rows[0].n).toBe(0);
    const { rows: copies } = await stack.subgraphs.licensure!.sql.query(
      `select status, count(*)::int as n from licensure.pet_copies where id = any($1::uuid[]) group by status order by status`,
      [[...before, ...during]],
    );
    expect(copies).toEqual([
      { status: 'ACTIVE', n: 10 },
      { status: 'LOST', n: 20 },
    ]);
  }, 300_000);
});

describe('the projector process is killed in the middle of its work', () => {
  let stack: TestStack;
  const namespace = 'kill.';
  beforeAll(async () => {
    // Core only: licensure runs as its own process below, the way it is deployed.
    stack = await startTestStack([core], { transport: new KafkaTransport({ brokers: [broker.brokers], clientId: 'kill', namespace }) });
  }, 120_000);
  afterAll(() => stack?.close(), 120_000);

  const startLicensure = (databaseUrl: string) =>
    startSubgraphProcess('licensure', { DATABASE_URL: databaseUrl, KAFKA_BROKERS: broker.brokers, KAFKA_NAMESPACE: namespace });

  it('restarts from its committed offsets with no drift and nothing applied twice', async () => {
    const owner = await createOwner(stack, 'kill-owner');
    const ids = await registerPets(stack, owner, 3000);
    const lost = ids.slice(0, 300);
    await setStatuses(stack, owner, lost, 'LOST', 8);
    await waitFor(
      'the outbox to drain',
      async () => (await stack.subgraphs.core!.sql.query('select count(*)::int as n from core.outbox where sent_at is null')).rows[0].n === 0,
    );

    const licensureDb = await createTestDatabase('licensure_kill');
    const database = openPostgres(licensureDb.url);
    try {
      const copies = async () => {
        try {
          return ((await database.db.execute('select count(*)::int as n from licensure.pet_copies' as never)) as unknown as { rows: { n: number }[] }).rows[0]!
            .n;
        } catch (error) {
          // Not migrated yet: the table does not exist (42P01). Anything else is a failure of the test's own.
          if ((error as { cause?: { code?: string }; code?: string }).cause?.code === '42P01' || (error as { code?: string }).code === '42P01') return 0;
          throw error;
        }
      };
      const first = startLicensure(licensureDb.url);
      await waitFor('the first batch to commit', async () => (await copies()) > 0);
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      const atKill = await copies();
      expect(atKill).toBeLessThan(ids.length);

      const second = startLicensure(licensureDb.url);
      try {
        const pairs = [
          { aggregate: 'pet', source: { db: stack.subgraphs.core!.database.db, table: 'core.pets' }, copy: { db: database.db, table: 'licensure.pet_copies' } },
          {
            aggregate: 'owner',
            source: { db: stack.subgraphs.core!.database.db, table: 'core.owners' },
            copy: { db: database.db, table: 'licensure.owner_copies' },
          },
        ];
        await waitFor('no drift after the restart', async () => !hasDrift(await reconcile(pairs)), 180_000).catch(async (error) => {
          throw new Error(`${error.message}\n${formatDrift(await reconcile(pairs))}\n${second.output()}`);
        });
        // The process reports its projector's lag on GET /status.
        const base = await second.baseUrl();
        await waitFor(
          'lag 0 on /status',
          async () => {
            const status = (await (await fetch(`${base}/status`)).json()) as { workers: Record<string, { lag?: number }> };
            return status.workers['projector of core, healthcare and training events']?.lag === 0;
          },
          30_000,
        );
        // The LOST side effect ran exactly once per pet, whatever was redelivered.
        const { rows } = (await database.db.execute(
          `select count(*)::int as reports, count(distinct pet_id)::int as pets from licensure.lost_pet_reports` as never,
        )) as unknown as { rows: { reports: number; pets: number }[] };
        expect(rows[0]).toEqual({ reports: 300, pets: 300 });
        console.log(`projector killed with ${atKill} of ${ids.length} pet copies committed; after the restart: no drift, 300 lost reports for 300 lost pets`);
      } finally {
        // A clean stop on SIGTERM: exit 0, its workers stopped in order.
        expect(await second.stop()).toBe(0);
        expect(second.output()).toMatch(/licensure: stopped on SIGTERM in \d+ ms/);
      }
    } finally {
      await database.close();
      await licensureDb.drop();
    }
  }, 400_000);
});

describe('licensure uses its copies for its own rules', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([core, licensure], { transport: new KafkaTransport({ brokers: [broker.brokers], clientId: 'rules', namespace: 'rules.' }) });
  }, 120_000);
  afterAll(() => stack?.close(), 120_000);

  it('refuses a registry entry or a licence for a DECEASED or deleted pet, and opens then closes a lost report with core status', async () => {
    const owner = await createOwner(stack, 'rules-owner');
    const registrar = await stack.token('registrar-r', ['registrar']);
    const [alive, gone, licensed, deleted] = await registerPets(stack, owner, 4);
    await stack.settle();
    await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: licensed }, registrar);
    await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: DECEASED) { id } }`, { id: gone }, owner.token);
    await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: DECEASED) { id } }`, { id: licensed }, owner.token);
    await must(stack, `mutation($id: ID!) { deletePet(id: $id) }`, { id: deleted }, owner.token);
    await stack.settle();
    const registries = () => stack.subgraphs.licensure!.sql.query('select pet_id::text from licensure.pet_registry order by pet_id').then((r) => r.rows);
    const before = await registries();
    const refused = await stack.query(`mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: gone }, registrar);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toBe(`input.petId: pet ${gone} is DECEASED`);
    const unknown = await stack.query(`mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: deleted }, registrar);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Pet', id: deleted });
    const licence = (petId: string) =>
      stack.query(
        `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`,
        {
          i: {
            petId,
            licenseNumber: `R-${petId.slice(0, 8)}`,
            jurisdictionType: 'CITY',
            jurisdictionName: 'Seattle',
            jurisdictionCode: 'US-WA-SEA',
            issuedDate: '2026-01-01',
            expiresDate: '2027-01-01',
            feeCents: 100,
          },
        },
        registrar,
      );
    expect((await licence(licensed!)).errors?.[0]?.message).toBe(`input.petId: pet ${licensed} is DECEASED`);
    expect((await licence(deleted!)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: deleted });
    expect(await registries()).toEqual(before);
    expect((await stack.subgraphs.licensure!.sql.query('select count(*)::int as n from licensure.municipal_licenses')).rows).toEqual([{ n: 0 }]);

    await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: LOST) { id } }`, { id: alive }, owner.token);
    await stack.settle();
    const lost = await must(stack, `query($id: ID!) { pet(id: $id) { registry { status } lostReports { status reportedBy } } }`, { id: alive }, owner.token);
    expect(lost.pet).toEqual({ registry: { status: 'LOST' }, lostReports: [{ status: 'LOST', reportedBy: 'rules-owner' }] });
    await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: FOUND) { id } }`, { id: alive }, owner.token);
    await stack.settle();
    const found = await must(stack, `query($id: ID!) { pet(id: $id) { registry { status } lostReports { status } } }`, { id: alive }, owner.token);
    expect(found.pet).toEqual({ registry: { status: 'FOUND' }, lostReports: [{ status: 'FOUND' }] });
  }, 120_000);
});
