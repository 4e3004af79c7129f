import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from '@psa/events';
import type { ResponseTree, TestStack } from '@psa/testing';

/** A signed-in owner with a profile, as the tests use them. */
export interface TestOwner {
  id: string;
  clerkId: string;
  token: string;
}

export async function createOwner(stack: TestStack, clerkId: string, roles: string[] = []): Promise<TestOwner> {
  const token = await stack.token(clerkId, roles);
  const res = await stack.query(
    `mutation($input: CreateOwnerInput!) { createOwner(input: $input) { id } }`,
    { input: { email: `${clerkId}@example.com`, firstName: 'Test', lastName: clerkId } },
    token,
  );
  if (res.errors) throw new Error(`createOwner failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data.createOwner.id, clerkId, token };
}

export async function registerPet(stack: TestStack, owner: TestOwner, input: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.query(
    `mutation($input: RegisterPetInput!) { registerPet(input: $input) { id } }`,
    { input: { name: 'Rex', species: 'DOG', sex: 'MALE', birthDate: '2020-01-01', weight: 40, ...input } },
    owner.token,
  );
  if (res.errors) throw new Error(`registerPet failed: ${JSON.stringify(res.errors)}`);
  // Licensure's rules read its copy of the pet: wait until the event has reached it.
  await stack.settle();
  return res.data.registerPet.id;
}

/** Runs a mutation that must succeed and returns its data. */
export async function must<T = ResponseTree>(stack: TestStack, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await stack.query<T>(query, variables, token);
  if (res.errors) throw new Error(`operation failed: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export async function rowCount(stack: TestStack, subgraph: string, table: string): Promise<number> {
  const { rows } = await stack.subgraphs[subgraph]!.sql.query(`select count(*)::int as n from ${table}`);
  return rows[0].n;
}

/** Registers `count` pets for `owner`, 25 per request (within the alias budget; each its own transaction and event). Returns their ids. */
export async function registerPets(stack: TestStack, owner: TestOwner, count: number, extra = ''): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 25) {
    const n = Math.min(25, count - start);
    const fields = Array.from(
      { length: n },
      (_, i) => `p${i}: registerPet(input: { name: "Pet ${start + i}", species: DOG, sex: FEMALE, birthDate: "2021-05-05", weight: 20 ${extra} }) { id }`,
    );
    const data = await must(stack, `mutation { ${fields.join('\n')} }`, {}, owner.token);
    ids.push(...Object.values(data as Record<string, { id: string }>).map((p) => p.id));
  }
  return ids;
}

/** Changes each pet's status, `concurrency` requests at a time. */
export async function setStatuses(stack: TestStack, owner: TestOwner, ids: string[], status: string, concurrency = 4): Promise<void> {
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: ${status}) { id } }`, { id }, owner.token);
      }
    }),
  );
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Every row of every table each subgraph owns (its copies and outbox included, its migrations table left out),
 * so a refused request can be shown to have written nothing anywhere. Earlier changes are let settle first, and
 * the relay's `sent_at` mark is left out: neither is a write of the request under test.
 */
export async function snapshotDatabases(stack: TestStack): Promise<Record<string, unknown[]>> {
  await stack.settle();
  const snapshot: Record<string, unknown[]> = {};
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
    const { rows: tables } = await subgraph.sql.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_name not like '\\_\\_%' order by table_name`,
      [name],
    );
    for (const { table_name } of tables) {
      const { rows } = await subgraph.sql.query(`select * from "${name}"."${table_name}" order by 1`);
      snapshot[`${name}.${table_name}`] = table_name === 'outbox' ? rows.map(({ sent_at: _sent, ...row }) => row) : rows;
    }
  }
  return snapshot;
}

/** Every message on these topics so far, read by a group of its own from the beginning (what a consumer would get). */
export async function readTopics(stack: TestStack, topics: string[]): Promise<IncomingMessage[]> {
  const read: IncomingMessage[] = [];
  const subscription = await stack.transport.subscribe({
    groupId: `topic-reader-${randomUUID()}`,
    topics,
    fromBeginning: true,
    handleBatch: async (messages) => void read.push(...messages),
  });
  try {
    const deadline = Date.now() + 30_000;
    while ((await subscription.lag()) > 0) {
      if (Date.now() > deadline) throw new Error(`readTopics: ${topics.join(', ')} not read in 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return read;
  } finally {
    await subscription.stop();
  }
}

/** The tables of a subgraph's database holding any of these values (case-insensitive) in any column: a privacy scan. */
export async function tablesHolding(stack: TestStack, subgraph: string, values: string[]): Promise<string[]> {
  const { sql } = stack.subgraphs[subgraph]!;
  const { rows: tables } = await sql.query<{ name: string }>(
    `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const needles = values.map((v) => `%${v.toLowerCase()}%`);
  const holding: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql.query(`select 1 from ${name} t where lower(t::text) like any($1) limit 1`, [needles]);
    if (rows.length > 0) holding.push(name);
  }
  return holding;
}

/** Issues a city licence for the pet (registered in licensure first) and returns its id; `fields` replace the defaults. */
export async function issueLicence(
  stack: TestStack,
  petId: string,
  licenseNumber: string,
  registrar: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const input = {
    petId,
    licenseNumber,
    jurisdictionType: 'CITY',
    jurisdictionName: 'Seattle',
    jurisdictionCode: 'US-WA-SEA',
    issuedDate: '2026-01-01',
    expiresDate: '2027-01-01',
    feeCents: 3500,
    ...fields,
  };
  const data = await must(stack, `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`, { i: input }, registrar);
  return data.issueLicense.id;
}
