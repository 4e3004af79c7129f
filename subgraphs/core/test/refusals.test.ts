import { sql } from 'drizzle-orm';
import { parse } from 'graphql';
import { core } from '../src';
import { rowsOf } from '@psa/db';
import { badInput, createSubgraph, keepingWrites, type SubgraphModule } from '@psa/subgraph-kit';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';

/**
 * A mutation that refuses after it has written: the kit rolls its writes back, as for a failure, unless the refusal
 * is thrown as keepingWrites(...) (a wrong code's attempt must stay counted). Core with one more mutation, in
 * process on PGlite, run through its Apollo Server as served.
 */
const probe: SubgraphModule = {
  name: 'refusal-probe',
  typeDefs: parse(`extend type Mutation { writeThenRefuse(recipient: String!, keep: Boolean!): Boolean }`),
  resolvers: {
    Mutation: {
      writeThenRefuse: async (_: unknown, { recipient, keep }: { recipient: string; keep: boolean }, ctx: { db: SubgraphUnderTest['db'] }) => {
        await ctx.db.execute(sql`insert into core.outgoing_mail (recipient, subject, body) values (${recipient}, 'probe', 'probe')`);
        const refusal = badInput('recipient', 'refused after writing');
        throw keep ? keepingWrites(refusal) : refusal;
      },
    },
  },
};

let subject: SubgraphUnderTest;
beforeAll(async () => {
  subject = await subgraphUnderTest(createSubgraph({ ...core, modules: [...core.modules, probe] }));
}, 60_000);
afterAll(() => subject?.close());

const mailTo = async (recipient: string) =>
  rowsOf<{ n: number }>(await subject.db.execute(sql`select count(*)::int as n from core.outgoing_mail where recipient = ${recipient}`))[0]!.n;
const auditRows = async () =>
  rowsOf<{ n: number }>(await subject.db.execute(sql`select count(*)::int as n from core.audit_log where action = 'writeThenRefuse'`))[0]!.n;

it('a refusal rolls back what its mutation wrote; one thrown as keepingWrites keeps it; neither is audited', async () => {
  const M = `mutation($r: String!, $k: Boolean!) { writeThenRefuse(recipient: $r, keep: $k) }`;
  for (const keep of [false, true]) {
    const recipient = `probe-${keep}@example.com`;
    const answer = await subject.run(M, { r: recipient, k: keep }, { subject: 'prober' });
    expect(answer.errors?.[0]).toMatchObject({ message: 'recipient: refused after writing', extensions: { code: 'BAD_USER_INPUT', field: 'recipient' } });
    expect(await mailTo(recipient)).toBe(keep ? 1 : 0);
  }
  expect(await auditRows()).toBe(0);
});
