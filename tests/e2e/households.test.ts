import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, snapshotDatabases, type TestOwner } from './helpers';

/** Households through the gateway: who manages members, who sees what, and what a change answers. */
let stack: TestStack;
let primary: TestOwner;
let secondary: TestOwner;
let outsider: TestOwner;
let householdId: string;
let sharedPet: string;

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const MEMBERS = `query($h: ID!) { household(id: $h) { members { displayName role } pets { name } } }`;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
});
afterAll(() => stack?.close());

/** Each test: a household of its own with its primary owner, one pet in it, a secondary member and an outsider. */
let fixture = 0;
beforeEach(async () => {
  fixture++;
  [primary, secondary, outsider] = [
    await createOwner(stack, `hh-primary-${fixture}`),
    await createOwner(stack, `hh-secondary-${fixture}`),
    await createOwner(stack, `hh-outsider-${fixture}`),
  ];
  householdId = (await must(stack, `mutation { createHousehold(name: "Okafor") { id } }`, {}, primary.token)).createHousehold.id;
  sharedPet = await registerPet(stack, primary, { name: 'Shared', householdId });
  await must(
    stack,
    `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`,
    { h: householdId, o: secondary.id },
    primary.token,
  );
});

/** A refused change: its code, and not one row written in any database. */
async function refused(query: string, variables: Record<string, unknown>, token: string): Promise<string | undefined> {
  const before = await snapshotDatabases(stack);
  const res = await stack.query(query, variables, token);
  expect(res.errors).toHaveLength(1);
  expect(await snapshotDatabases(stack)).toEqual(before);
  return codeOf(res);
}

it('addHouseholdMember answers with the household as it is after the change, the new member included', async () => {
  const data = await must(
    stack,
    `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o, role: CAREGIVER) { role household { members { displayName role } } } }`,
    { h: householdId, o: outsider.id },
    primary.token,
  );
  expect(data.addHouseholdMember).toEqual({
    role: 'CAREGIVER',
    household: {
      members: [
        { displayName: 'Test h.', role: 'PRIMARY' },
        { displayName: 'Test h.', role: 'SECONDARY' },
        { displayName: 'Test h.', role: 'CAREGIVER' },
      ],
    },
  });
  const { household } = await must(stack, MEMBERS, { h: householdId }, primary.token);
  expect(household.members).toEqual(data.addHouseholdMember.household.members);
});

it('a non-member sees no household: null by query, NOT_FOUND for changes', async () => {
  expect(await stack.query(MEMBERS, { h: householdId }, outsider.token)).toEqual({ status: 200, data: { household: null } });
  expect(
    await refused(`mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`, { h: householdId, o: outsider.id }, outsider.token),
  ).toBe('NOT_FOUND');
  expect(
    await refused(`mutation($h: ID!, $o: ID!) { removeHouseholdMember(householdId: $h, ownerId: $o) }`, { h: householdId, o: secondary.id }, outsider.token),
  ).toBe('NOT_FOUND');
});

it('a secondary member reads the household but may not add, remove or re-role members', async () => {
  const { household } = await must(stack, MEMBERS, { h: householdId }, secondary.token);
  expect(household.pets).toEqual([{ name: 'Shared' }]);
  expect(
    await refused(
      `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`,
      { h: householdId, o: outsider.id },
      secondary.token,
    ),
  ).toBe('FORBIDDEN');
  expect(
    await refused(
      `mutation($h: ID!, $o: ID!) { changeHouseholdMemberRole(householdId: $h, ownerId: $o, role: CAREGIVER) { id } }`,
      { h: householdId, o: secondary.id },
      secondary.token,
    ),
  ).toBe('FORBIDDEN');
  expect(
    await refused(`mutation($h: ID!, $o: ID!) { removeHouseholdMember(householdId: $h, ownerId: $o) }`, { h: householdId, o: primary.id }, secondary.token),
  ).toBe('FORBIDDEN');
});

it('the primary owner changes a role; the PRIMARY role cannot be given or taken', async () => {
  const changed = await must(
    stack,
    `mutation($h: ID!, $o: ID!) { changeHouseholdMemberRole(householdId: $h, ownerId: $o, role: CAREGIVER) { role } }`,
    { h: householdId, o: secondary.id },
    primary.token,
  );
  expect(changed.changeHouseholdMemberRole).toEqual({ role: 'CAREGIVER' });
  const { rows } = await stack.subgraphs.core!.sql.query('select role from core.household_members where household_id = $1 and owner_id = $2', [
    householdId,
    secondary.id,
  ]);
  expect(rows).toEqual([{ role: 'CAREGIVER' }]);
  expect(
    await refused(
      `mutation($h: ID!, $o: ID!) { changeHouseholdMemberRole(householdId: $h, ownerId: $o, role: PRIMARY) { id } }`,
      { h: householdId, o: secondary.id },
      primary.token,
    ),
  ).toBe('BAD_USER_INPUT');
  expect(
    await refused(
      `mutation($h: ID!, $o: ID!) { changeHouseholdMemberRole(householdId: $h, ownerId: $o, role: SECONDARY) { id } }`,
      { h: householdId, o: primary.id },
      primary.token,
    ),
  ).toBe('BAD_USER_INPUT');
});

it("an owner cannot put another owner's pet in a household, and a pet joins only a household its owner is in", async () => {
  const outsidersPet = await registerPet(stack, outsider, { name: 'Loner' });
  expect(
    await refused(`mutation($p: ID!, $h: ID!) { assignPetToHousehold(petId: $p, householdId: $h) { id } }`, { p: outsidersPet, h: householdId }, primary.token),
  ).toBe('NOT_FOUND');
  expect(
    await refused(
      `mutation($p: ID!, $h: ID!) { assignPetToHousehold(petId: $p, householdId: $h) { id } }`,
      { p: outsidersPet, h: householdId },
      outsider.token,
    ),
  ).toBe('BAD_USER_INPUT');
});

it('a removed member loses access at once, and their own pets leave the household with them', async () => {
  const secondarysPet = await registerPet(stack, secondary, { name: 'Visitor', householdId });
  expect((await must(stack, MEMBERS, { h: householdId }, primary.token)).household.pets).toEqual([{ name: 'Shared' }, { name: 'Visitor' }]);
  const removed = await must(
    stack,
    `mutation($h: ID!, $o: ID!) { removeHouseholdMember(householdId: $h, ownerId: $o) }`,
    { h: householdId, o: secondary.id },
    primary.token,
  );
  expect(removed.removeHouseholdMember).toBe(true);
  expect(await stack.query(MEMBERS, { h: householdId }, secondary.token)).toEqual({ status: 200, data: { household: null } });
  expect(await stack.query(`query($p: ID!) { pet(id: $p) { name } }`, { p: sharedPet }, secondary.token)).toEqual({ status: 200, data: { pet: null } });
  const { rows } = await stack.subgraphs.core!.sql.query('select household_id from core.pets where id = $1', [secondarysPet]);
  expect(rows).toEqual([{ household_id: null }]);
  expect((await must(stack, MEMBERS, { h: householdId }, primary.token)).household).toEqual({
    members: [{ displayName: 'Test h.', role: 'PRIMARY' }],
    pets: [{ name: 'Shared' }],
  });
  // The change reached the divisions: the pet that left is current in licensure's copy.
  await stack.settle();
});

it('a member may leave; the primary owner may not', async () => {
  await must(
    stack,
    `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`,
    { h: householdId, o: outsider.id },
    primary.token,
  );
  expect(
    (
      await must(
        stack,
        `mutation($h: ID!, $o: ID!) { removeHouseholdMember(householdId: $h, ownerId: $o) }`,
        { h: householdId, o: outsider.id },
        outsider.token,
      )
    ).removeHouseholdMember,
  ).toBe(true);
  expect(
    await refused(`mutation($h: ID!, $o: ID!) { removeHouseholdMember(householdId: $h, ownerId: $o) }`, { h: householdId, o: primary.id }, primary.token),
  ).toBe('BAD_USER_INPUT');
});
