import { signIdentity } from '@psa/identity';

/**
 * What the load generator sends: per request, an owner (a random one of the seeded owners, or always the first),
 * their own credentials and one of their own pets; the operation's GraphQL body.
 */

export const OPERATIONS = ['single', 'cross', 'deep', 'mixed'] as const;
export type Operation = (typeof OPERATIONS)[number];
export const TRAFFICS = ['varied', 'identical'] as const;
export type Traffic = (typeof TRAFFICS)[number];

/**
 * How a target learns who is asking. `bearer`: the owner's JWT (ours verifies it). `identity`: the identity
 * unsigned in x-psa-identity, for peers that sign it per subgraph call and verify no JWT. `signed-core`: signed
 * for core and the exact body, as ours would sign it, for calling core directly.
 */
export type Auth = 'bearer' | 'identity' | 'signed-core';

export interface BenchOwner {
  clerkId: string;
  /** HS256 JWT ours accepts. */
  token: string;
  /** encodeIdentity({ subject: clerkId, roles: [] }). */
  identity: string;
  petIds: string[];
}

export const QUERIES = {
  single: `query Single($id: ID!) { pet(id: $id) { id name species weight status } }`,
  cross: `query Cross { me { firstName pets { name registry { registryNumber } licenses { licenseNumber } vaccinations { vaccineName } } } }`,
  deep: `query Deep { me { households { household { name members { displayName } pets { name owner { id } registry { registryNumber } vaccinations { vaccineName pet { name household { name } } } licenses { licenseNumber pet { name } } } } } } }`,
  write: `mutation Write($id: ID!, $input: UpdatePetInput!) { updatePet(id: $id, input: $input) { id weight } }`,
} as const;

/** One request's kind: `mixed` is 45 % single, 45 % cross and 10 % writes (a pet's weight). */
export type Kind = keyof typeof QUERIES;
export const KINDS_OF: Record<Operation, Kind[]> = { single: ['single'], cross: ['cross'], deep: ['deep'], mixed: ['single', 'cross', 'write'] };

export function pickKind(operation: Operation, random: () => number = Math.random): Kind {
  if (operation !== 'mixed') return operation;
  const r = random();
  return r < 0.1 ? 'write' : r < 0.55 ? 'single' : 'cross';
}

export function body(kind: Kind, petId: string, random: () => number = Math.random): string {
  switch (kind) {
    case 'single':
      return JSON.stringify({ query: QUERIES.single, variables: { id: petId } });
    case 'write':
      return JSON.stringify({ query: QUERIES.write, variables: { id: petId, input: { weight: Math.round(5 + random() * 40) } } });
    default:
      return JSON.stringify({ query: QUERIES[kind] });
  }
}

export function authHeaders(auth: Auth, owner: BenchOwner, requestBody: string, identitySecret: string): Record<string, string> {
  switch (auth) {
    case 'bearer':
      return { authorization: `Bearer ${owner.token}` };
    case 'identity':
      return { 'x-psa-identity': owner.identity };
    case 'signed-core':
      return signIdentity(owner.identity, identitySecret, { audience: 'core', body: requestBody });
  }
}

export interface PlannedRequest {
  kind: Kind;
  body: string;
  headers: Record<string, string>;
}

/** The next request of a scenario: `identical` is always the first owner, their first pet, their token. */
export function nextRequest(
  owners: BenchOwner[],
  traffic: Traffic,
  operation: Operation,
  auth: Auth,
  identitySecret: string,
  kind = pickKind(operation),
): PlannedRequest {
  const owner = traffic === 'identical' ? owners[0]! : owners[Math.floor(Math.random() * owners.length)]!;
  const petId = traffic === 'identical' ? owner.petIds[0]! : owner.petIds[Math.floor(Math.random() * owner.petIds.length)]!;
  const requestBody = body(kind, petId);
  return { kind, body: requestBody, headers: { 'content-type': 'application/json', ...authHeaders(auth, owner, requestBody, identitySecret) } };
}
