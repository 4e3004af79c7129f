import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { must } from './helpers';

/**
 * An owner's email is theirs once they prove they read it. Until then anyone may type any address, and no
 * answer tells a caller whether an address already has an account.
 */
let stack: TestStack;
const ADDRESS = 'shared@example.com';
const CREATE = `mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id email emailVerified } }`;
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
});
afterAll(() => stack?.close());

async function lastCodeSentTo(recipient: string): Promise<string> {
  const { rows } = await stack.subgraphs.core!.sql.query('select body from core.outgoing_mail where recipient = $1 order by id desc limit 1', [recipient]);
  const code = /Your code is (\d{6})\./.exec(rows[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was mailed to ${recipient}`);
  return code;
}

async function owner(subject: string, email: string) {
  const token = await stack.token(subject);
  const created = await stack.query(CREATE, { i: { email, firstName: 'Sam', lastName: subject } }, token);
  return { token, created };
}

it('creating a profile with an address another profile uses answers exactly as with a fresh address', async () => {
  const first = await owner('mail-first', ADDRESS);
  const second = await owner('mail-second', 'SHARED@example.com');
  const fresh = await owner('mail-fresh', 'fresh@example.com');
  for (const { created } of [first, second, fresh]) {
    expect(created.status).toBe(200);
    expect(created.errors).toBeUndefined();
    expect(created.data.createOwner.emailVerified).toBe(false);
  }
  expect(second.created.data.createOwner.email).toBe(ADDRESS);
});

it('a code proves the address; wrong codes are refused and counted; resending waits a minute', async () => {
  const { token } = await owner('mail-verifier', 'verifier@example.com');
  expect(await must(stack, 'mutation { requestEmailVerification }', {}, token)).toEqual({ requestEmailVerification: true });
  const again = await stack.query('mutation { requestEmailVerification }', {}, token);
  expect(codeOf(again)).toBe('BAD_USER_INPUT');
  const code = await lastCodeSentTo('verifier@example.com');
  const wrong = await stack.query('mutation($c: String!) { verifyEmail(code: $c) { id } }', { c: code === '000000' ? '111111' : '000000' }, token);
  expect(wrong.errors).toEqual([
    expect.objectContaining({ message: 'code: is not the code we sent', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'code' }) }),
  ]);
  const {
    rows: [before],
  } = await stack.subgraphs.core!.sql.query(`select version from core.owners where clerk_id = 'mail-verifier'`);
  const right = await must(stack, 'mutation($c: String!) { verifyEmail(code: $c) { email emailVerified } }', { c: code }, token);
  expect(right.verifyEmail).toEqual({ email: 'verifier@example.com', emailVerified: true });
  const {
    rows: [after],
  } = await stack.subgraphs.core!.sql.query(`select version, email_verified_at is not null as verified from core.owners where clerk_id = 'mail-verifier'`);
  expect(after).toEqual({ version: before.version + 1, verified: true });
  const { rows: pending } = await stack.subgraphs.core!.sql.query(
    `select count(*)::int as n from core.email_verifications v join core.owners o on o.id = v.owner_id where o.clerk_id = 'mail-verifier'`,
  );
  expect(pending).toEqual([{ n: 0 }]);
});

it('five wrong codes use up a code', async () => {
  const { token } = await owner('mail-guesser', 'guesser@example.com');
  await must(stack, 'mutation { requestEmailVerification }', {}, token);
  const code = await lastCodeSentTo('guesser@example.com');
  const wrongCode = code === '999999' ? '999998' : '999999';
  for (let i = 0; i < 5; i++) {
    const res = await stack.query('mutation($c: String!) { verifyEmail(code: $c) { id } }', { c: wrongCode }, token);
    expect(res.errors?.[0]?.message).toBe('code: is not the code we sent');
  }
  const locked = await stack.query('mutation($c: String!) { verifyEmail(code: $c) { id } }', { c: code }, token);
  expect(locked.errors?.[0]?.message).toBe('code: 5 wrong attempts: ask for a new code');
});

it('an address verified by one profile cannot be verified by another; changing the address makes it unverified again', async () => {
  const address = 'claimed@example.com';
  const { token: first } = await owner('claim-first', address);
  const { token: second } = await owner('claim-second', address);
  await must(stack, 'mutation { requestEmailVerification }', {}, first);
  await must(stack, 'mutation($c: String!) { verifyEmail(code: $c) { id } }', { c: await lastCodeSentTo(address) }, first);

  await must(stack, 'mutation { requestEmailVerification }', {}, second);
  const taken = await stack.query('mutation($c: String!) { verifyEmail(code: $c) { id } }', { c: await lastCodeSentTo(address) }, second);
  expect(taken.errors?.[0]).toMatchObject({ message: `code: ${address} is verified on another profile`, extensions: { code: 'CONFLICT' } });
  const { rows } = await stack.subgraphs.core!.sql.query(`select clerk_id from core.owners where email = $1 and email_verified_at is not null`, [address]);
  expect(rows).toEqual([{ clerk_id: 'claim-first' }]);

  const { me } = await must(stack, '{ me { id } }', {}, first);
  const moved = await must(
    stack,
    'mutation($id: ID!) { updateOwner(id: $id, input: { email: "moved@example.com" }) { email emailVerified } }',
    { id: me.id },
    first,
  );
  expect(moved.updateOwner).toEqual({ email: 'moved@example.com', emailVerified: false });
});
