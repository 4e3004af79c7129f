import { Client } from 'pg';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type GraphQLResponse, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';
import { waitFor } from './processes';

const PET = `query Pet($id: ID!) { pet(id: $id) { id name weight } }`;
const PET_WITH_VACCINATIONS = `query PetVaccinations($id: ID!) { pet(id: $id) { id weight vaccinations { vaccineName } } }`;

/**
 * Holds an ACCESS EXCLUSIVE lock on `table` in its own transaction: every read of it waits until `release()`. The
 * subgraph calls that reach it stay in flight meanwhile, which is what lets the test send requests that overlap.
 */
async function lockTable(url: string, table: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${table} in access exclusive mode`);
  return {
    /** Backends waiting for this lock (each a subgraph statement in flight). */
    async waiting(): Promise<number> {
      const { rows } = await client.query(
        `select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where not l.granted and c.oid = $1::regclass`,
        [table],
      );
      return rows[0].n;
    },
    async release() {
      await client.query('rollback');
      await client.end();
    },
  };
}

const statementsOn = (stack: TestStack, subgraph: string, table: string) => stack.subgraphs[subgraph]!.statements.filter((s) => s.includes(table)).length;

describe('identical subgraph reads in flight at the same moment', () => {
  let stack: TestStack;
  let ana: TestOwner;
  let ben: TestOwner;
  let anasPet: string;
  let bensPet: string;
  beforeAll(async () => {
    stack = await startTestStack([core, licensure]);
    ana = await createOwner(stack, 'shared-reads-ana');
    ben = await createOwner(stack, 'shared-reads-ben');
    anasPet = await registerPet(stack, ana, { name: 'Biscuit' });
    bensPet = await registerPet(stack, ben, { name: 'Pepper' });
  });
  afterAll(() => stack?.close());

  it('are made once per identity, and each caller gets the answer made for them', async () => {
    const lock = await lockTable(stack.subgraphs.core!.testDatabase.url, 'core.pets');
    stack.subgraphs.core!.statements.length = 0;
    let answers: Promise<GraphQLResponse[]>;
    try {
      // 20 identical requests from Ana, 5 from Ben for the same pet (not his: he must get null, never her answer).
      answers = Promise.all([
        ...Array.from({ length: 20 }, () => stack.query(PET, { id: anasPet }, ana.token)),
        ...Array.from({ length: 5 }, () => stack.query(PET, { id: anasPet }, ben.token)),
      ]);
      await waitFor('the first calls to wait on the lock', async () => (await lock.waiting()) >= 2, 15_000);
      // Time for every request to reach the gateway and find the call in flight.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await lock.release();
    }
    const results = await answers;
    for (const res of results) expect(res.errors).toBeUndefined();
    expect(results.slice(0, 20).map((r) => r.data?.pet)).toEqual(Array.from({ length: 20 }, () => ({ id: anasPet, name: 'Biscuit', weight: 40 })));
    expect(results.slice(20).map((r) => r.data?.pet)).toEqual([null, null, null, null, null]);
    // One read of the pets table per identity, where 25 requests without sharing make 25.
    expect(statementsOn(stack, 'core', '"core"."pets"')).toBe(2);
  });

  it('are not shared with a read sent after the same identity wrote: a client reads its own writes', async () => {
    const lock = await lockTable(stack.subgraphs.licensure!.testDatabase.url, 'licensure.vaccinations');
    stack.subgraphs.licensure!.statements.length = 0;
    let before: Promise<GraphQLResponse>;
    let after: Promise<GraphQLResponse>;
    let control: Promise<GraphQLResponse>;
    try {
      before = stack.query(PET_WITH_VACCINATIONS, { id: bensPet }, ben.token);
      await waitFor('the first read to wait on the lock', async () => (await lock.waiting()) >= 1, 15_000);
      // Core is not locked: Ben's write is answered while his first read is still in flight in licensure.
      await must(stack, `mutation($id: ID!) { updatePet(id: $id, input: { weight: 41 }) { id } }`, { id: bensPet }, ben.token);
      after = stack.query(PET_WITH_VACCINATIONS, { id: bensPet }, ben.token);
      await waitFor('the read after the write to make its own call', async () => (await lock.waiting()) >= 2, 15_000);
      // And a third read, with no write in between, joins the second's call.
      control = stack.query(PET_WITH_VACCINATIONS, { id: bensPet }, ben.token);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await lock.release();
    }
    const [first, second, third] = await Promise.all([before, after, control]);
    expect(first.data?.pet).toMatchObject({ id: bensPet, weight: 40, vaccinations: [] });
    expect(second.data?.pet).toMatchObject({ id: bensPet, weight: 41, vaccinations: [] });
    expect(third.data?.pet).toMatchObject({ id: bensPet, weight: 41, vaccinations: [] });
    expect(statementsOn(stack, 'licensure', '"licensure"."vaccinations"')).toBe(2);
  });
});
