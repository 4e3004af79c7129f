import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { CORE_TOPICS, deadLetterTopic, DIVISIONS, hasDrift, ownerPersonalTopic } from '@psa/events';
import { eraseOwnerData, startWorkers, type RunningWorkers } from '@psa/subgraph-kit';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, issueLicence, must, readTopics, tablesHolding, registerPet, type TestOwner } from './helpers';

/**
 * Erasure: at once the owner and their pets are gone from every query; after the 90-day grace (moved forward by
 * `pnpm erasure advance`) every subgraph deletes what it holds of them or anonymises what the law keeps. Licensure
 * is down when the notice comes and purges when it is back. Checked the strict way: every table of every
 * database is searched for the owner's email, names, phone and street, and the compacted topics' latest record
 * for each of their keys is read.
 */
const ROOT = join(__dirname, '..', '..');
let stack: TestStack;
let owner: TestOwner;
let neighbour: TestOwner;
let registrar: string;
let admin: string;
let pets: string[];
let neighbourPet: string;
let licensureWorkers: RunningWorkers | null = null;
const personal = { email: 'erase.me@example.com', firstName: 'Wilhelmina', lastName: 'Zanzibar', phone: '+15559876543', street1: '77 Quince Lane' };

beforeAll(async () => {
  // The grace clock checks often here, so a notice goes out moments after the clock is moved.
  process.env.ERASURE_CHECK_MS = '200';
  stack = await startTestStack([core, licensure]);
  registrar = await stack.token('erasure-registrar', ['registrar']);
  admin = await stack.token('erasure-admin', ['admin']);
  owner = await createOwner(stack, 'erasure-owner');
  neighbour = await createOwner(stack, 'erasure-neighbour');
  await must(
    stack,
    `mutation($id: ID!, $i: UpdateOwnerInput!) { updateOwner(id: $id, input: $i) { id } }`,
    { id: owner.id, i: { ...personal, dataSharing: { licensure: true } } },
    owner.token,
  );
  pets = [await registerPet(stack, owner, { name: 'Zephyr' }), await registerPet(stack, owner, { name: 'Quartz' })];
  neighbourPet = await registerPet(stack, neighbour, { name: 'Next Door' });
  // A household the owner heads, with the neighbour in it; the owner is also in the neighbour's.
  const headed = (await must(stack, `mutation { createHousehold(name: "Zanzibar home") { id } }`, {}, owner.token)).createHousehold.id;
  await must(stack, `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`, { h: headed, o: neighbour.id }, owner.token);
  const theirs = (await must(stack, `mutation { createHousehold(name: "Neighbours") { id } }`, {}, neighbour.token)).createHousehold.id;
  await must(stack, `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`, { h: theirs, o: owner.id }, neighbour.token);
  await must(stack, `mutation($p: ID!, $h: ID) { assignPetToHousehold(petId: $p, householdId: $h) { id } }`, { p: neighbourPet, h: theirs }, neighbour.token);
  // Licensure records: a registry entry, a licence (a transaction), a vaccination (a health record), a lost report.
  for (const p of pets) await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p }, registrar);
  await issueLicence(stack, pets[0]!, 'ERASE-LIC-1', registrar);
  await must(
    stack,
    `mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`,
    { i: { petId: pets[0], vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: '2026-02-01', administeredBy: 'Dr. Vet', lotNumber: 'L1' } },
    registrar,
  );
  await must(
    stack,
    `mutation($i: ReportLostPetInput!) { reportLostPet(input: $i) { id } }`,
    { i: { petId: pets[1], lostDate: '2026-11-01T10:00:00Z', lastSeenLocation: { description: personal.street1 }, physicalDescription: 'grey' } },
    registrar,
  );
  // An export made before: it holds every personal field, so it must go too.
  const exported = (await must(stack, `mutation { requestDataExport { id } }`, {}, owner.token)).requestDataExport.id;
  for (let i = 0; i < 100; i++) {
    if ((await must(stack, `query($id: ID!) { dataExport(id: $id) { status } }`, { id: exported }, owner.token)).dataExport.status === 'COMPLETE') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stack.settle();
}, 120_000);
afterAll(async () => {
  delete process.env.ERASURE_CHECK_MS;
  await licensureWorkers?.stop();
  await stack?.close();
});

function erasureCommand(...args: string[]): { code: number; out: string } {
  const result = spawnSync('pnpm', ['--silent', 'erasure', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: stack.subgraphs.core!.testDatabase.url },
    encoding: 'utf8',
  });
  return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

/** The tables of a subgraph's database holding any of the owner's personal values, in any column. */
const tablesHoldingPersonalData = (subgraph: string) => tablesHolding(stack, subgraph, Object.values(personal));

async function count(subgraph: string, query: string, params: unknown[]): Promise<number> {
  const { rows } = await stack.subgraphs[subgraph]!.sql.query<{ n: number }>(`select count(*)::int as n from ${query}`, params);
  return rows[0]!.n;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// One test, in steps: each step starts where the one before left the owner (jest --randomize shuffles tests).
it('an owner is erased: gone at once, purged everywhere after the grace, the broker left with tombstones', async () => {
  // Before: the owner data is where it should be (the check below can fail).
  {
    expect(await tablesHoldingPersonalData('core')).toEqual(
      expect.arrayContaining(['core.owners', 'core.outbox', 'core.households', 'core.data_export_parts']),
    );
    expect(await tablesHoldingPersonalData('licensure')).toEqual(['licensure.lost_pet_reports', 'licensure.owner_personal_copies']);
  }

  // At once: the owner, their pets and their records are gone from every query, and the identity has no profile.
  {
    const erasure = (await must(stack, `mutation { requestErasure { ownerId requestedAt purgeAfter } }`, {}, owner.token)).requestErasure;
    expect(erasure.ownerId).toBe(owner.id);
    expect(Date.parse(erasure.purgeAfter) - Date.parse(erasure.requestedAt)).toBe(90 * 24 * 3600_000);
    expect((await must(stack, `{ me { id } }`, {}, owner.token)).me).toBeNull();
    expect((await must(stack, `query($id: ID!) { owner(id: $id) { id } }`, { id: owner.id }, admin)).owner).toBeNull();
    for (const id of pets) {
      expect((await must(stack, `query($id: ID!) { pet(id: $id) { id licenses { id } } }`, { id }, registrar)).pet).toBeNull();
    }
    const again = await stack.query(
      `mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }`,
      { i: { email: 'new@example.com', firstName: 'A', lastName: 'B' } },
      owner.token,
    );
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    // Asked again by an admin: the same request, the same purge date.
    const byAdmin = (await must(stack, `mutation($o: ID) { requestErasure(ownerId: $o) { requestedAt } }`, { o: owner.id }, admin)).requestErasure;
    expect(byAdmin.requestedAt).toBe(erasure.requestedAt);
    // The neighbour's pet is theirs still.
    expect((await must(stack, `query($id: ID!) { pet(id: $id) { id } }`, { id: neighbourPet }, neighbour.token)).pet).toEqual({ id: neighbourPet });
  }

  // Within the grace period nothing is purged; `pnpm erasure status` shows when it will be.
  {
    const moved = erasureCommand('advance', '--days', '30');
    expect(moved).toMatchObject({ code: 0 });
    expect(moved.out).toContain('purge notice sent for 0 owner(s)');
    expect(moved.out).toMatch(new RegExp(`owner ${owner.id}: asked .*, purged after `));
    await new Promise((r) => setTimeout(r, 500));
    expect(await count('core', 'core.owners where id = $1', [owner.id])).toBe(1);
    expect(erasureCommand('advance', '--days', 'soon')).toMatchObject({ code: 2, out: expect.stringContaining('--days must be a whole number') });
  }

  // After the grace: every subgraph purges, licensure when it is back; nothing personal remains in any table, law-kept records stay.
  {
    const licencesBefore = await count('licensure', 'licensure.municipal_licenses where pet_id = any($1)', [pets]);
    const vaccinationsBefore = await count('licensure', 'licensure.vaccinations where pet_id = any($1)', [pets]);
    // Licensure is down when the notice comes.
    const { database } = stack.subgraphs.licensure!;
    await stack.stopWorkers('licensure');
    const moved = erasureCommand('advance', '--days', '61');
    expect(moved).toMatchObject({ code: 0 });
    expect(moved.out).toContain('purge notice sent for 1 owner(s)');
    await waitUntil('core purges the owner', async () => (await count('core', 'core.owners where id = $1', [owner.id])) === 0);
    expect(await tablesHoldingPersonalData('licensure')).not.toEqual([]);

    licensureWorkers = await startWorkers(licensure, { database, transport: stack.transport, log: () => undefined });
    await waitUntil('licensure purges the owner', async () => (await tablesHoldingPersonalData('licensure')).length === 0);
    await waitUntil('core publishes its last events', async () => (await count('core', 'core.outbox where sent_at is null', [])) === 0);

    expect(await tablesHoldingPersonalData('core')).toEqual([]);
    expect(await tablesHoldingPersonalData('licensure')).toEqual([]);
    // The copies agree with core again: the owner's and pets' copies are tombstones, none is left live.
    await waitUntil('no drift between core and the copies', async () => !hasDrift(await stack.reconcile()));
    // What the law keeps is kept, naming nobody: the licence and the vaccination; the audit rows without their actor.
    expect(await count('licensure', 'licensure.municipal_licenses where pet_id = any($1)', [pets])).toBe(licencesBefore);
    expect(await count('licensure', 'licensure.vaccinations where pet_id = any($1)', [pets])).toBe(vaccinationsBefore);
    expect(await count('licensure', 'licensure.lost_pet_reports where pet_id = any($1)', [pets])).toBe(0);
    expect(await count('core', `core.audit_log where actor = $1`, [owner.clerkId])).toBe(0);
    expect(await count('core', `core.audit_log where action = 'registerPet' and actor is null`, [])).toBeGreaterThanOrEqual(2);
    for (const subgraph of ['core', 'licensure']) expect(await count(subgraph, `${subgraph}.audit_log where actor = $1`, [owner.clerkId])).toBe(0);
    // The neighbour keeps their profile and pet; the household the owner headed is dissolved, their own stays.
    const { me } = await must(stack, `{ me { pets { id } households { household { name } } } }`, {}, neighbour.token);
    expect(me).toEqual({ pets: [{ id: neighbourPet }], households: [{ household: { name: 'Neighbours' } }] });

    // Idempotent: the same erasure again finds nothing left to change.
    const keys = { ownerId: owner.id, clerkId: owner.clerkId, petIds: pets };
    expect(await eraseOwnerData(database.db, licensure.ownerData!, keys)).toEqual({ deleted: {}, anonymised: {} });
    expect(await eraseOwnerData(stack.subgraphs.core!.database.db, core.ownerData!, keys)).toEqual({ deleted: {}, anonymised: {} });
  }

  // On the broker: the latest record of each of their keys on the compacted topics is a tombstone; no dead letter holds their data.
  {
    const compacted = [CORE_TOPICS.owner, CORE_TOPICS.pet, CORE_TOPICS.household, ...DIVISIONS.map(ownerPersonalTopic)];
    const messages = await readTopics(stack, [...compacted, deadLetterTopic('licensure'), deadLetterTopic('core')]);
    const latest = new Map<string, Buffer | null>();
    for (const m of messages) if (compacted.includes(m.topic as never)) latest.set(`${m.topic} ${m.key}`, m.value);
    const theirs = [...latest].filter(([key]) => [owner.id, ...pets].some((id) => key.endsWith(` ${id}`)));
    // core.owner and every division's topic for the owner, core.pet for each pet.
    expect(theirs).toHaveLength(1 + DIVISIONS.length + pets.length);
    // Any key that ever carried their personal data (the household they headed is named after them) ends in a tombstone.
    const everPersonal = new Set(
      messages.filter((m) => Object.values(personal).some((v) => m.value?.toString().includes(v))).map((m) => `${m.topic} ${m.key}`),
    );
    expect([...everPersonal].some((key) => key.startsWith(`${CORE_TOPICS.household} `))).toBe(true);
    for (const key of everPersonal) if (latest.has(key)) expect({ key, value: latest.get(key) }).toEqual({ key, value: null });
    for (const [key, value] of theirs) expect({ key, value }).toEqual({ key, value: null });
    const deadLetters = messages.filter((m) => m.topic.endsWith('.dead-letter'));
    expect(deadLetters.filter((m) => Object.values(personal).some((v) => m.value?.toString().includes(v)))).toEqual([]);
  }
}, 120_000);
