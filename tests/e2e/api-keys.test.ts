import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { KEY_CACHE_MS, sha256Hex } from '@psa/gateway';
import { addClient, issueKey, registerOperations } from '@psa/gateway/src/b2b/admin';
import { postGraphQL, startTestStack, type TestStack } from '@psa/testing';
import { apikeys, eventually, mustRun, persisted, registeredHashes, sleep, withKey } from './b2b-helpers';
import { createOwner, registerPet, type TestOwner } from './helpers';

/**
 * Business consumers through the gateway: keys issued with the command, stored hashed, acting as their client
 * with its roles, running only its registered operations, reaching only its divisions, revoked within the
 * stated delay. Real PostgreSQL (the gateway's own database), real Redis, real HTTP.
 */
let stack: TestStack;
let owner: TestOwner;
let petId: string;
let key: string;
let hashes: Record<string, string>;
const folder = mkdtempSync(join(tmpdir(), 'psa-apikeys-'));

const OPERATIONS = `# What the records partner may run.
query PetRecord($id: ID!) {
  pet(id: $id) { ...Basics licenses { licenseNumber } }
}

fragment Basics on Pet { name species }

query Species { species { code } }
`;

beforeAll(async () => {
  stack = await startTestStack([core, licensure], { b2b: true });
  owner = await createOwner(stack, 'b2b-owner');
  petId = await registerPet(stack, owner, { name: 'Keyed' });
  writeFileSync(join(folder, 'records.graphql'), OPERATIONS);
  await mustRun(stack, 'clients', 'add', 'records', '--divisions', 'core,licensure', '--roles', 'admin', '--rate', '1000');
  hashes = registeredHashes(await mustRun(stack, 'operations', 'add', 'records', join(folder, 'records.graphql')));
  key = (await mustRun(stack, 'keys', 'issue', 'records')).trim();
}, 180_000);
afterAll(async () => {
  await stack?.close();
  rmSync(folder, { recursive: true, force: true });
});

const prefixOf = (apiKey: string) => /^psa_([0-9a-f]{12})_/.exec(apiKey)![1]!;

describe('the apikeys command', () => {
  it('issues a key printed once, kept only as its prefix and a SHA-256 of its secret', async () => {
    expect(key).toMatch(/^psa_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = key.slice('psa_'.length + 12 + 1);
    const { rows } = await stack.b2b!.sql.query('select * from gateway.api_keys');
    const row = rows.find((r) => r.prefix === prefixOf(key));
    expect(row.secret_hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    const listed = await mustRun(stack, 'keys', 'list', 'records');
    expect(listed).toContain(prefixOf(key));
    expect(listed).not.toContain(secret);
  });

  it('registered each operation by the hash of the text a client sends: the operation and its fragments, printed', () => {
    expect(Object.keys(hashes).sort()).toEqual(['PetRecord', 'Species']);
    const text =
      'query PetRecord($id: ID!) {\n  pet(id: $id) {\n    ...Basics\n    licenses {\n      licenseNumber\n    }\n  }\n}\n\nfragment Basics on Pet {\n  name\n  species\n}';
    expect(hashes.PetRecord).toBe(sha256Hex(text));
  });

  it('answers usage errors with exit code 2 and refusals with 1, naming the value', async () => {
    const unknownCommand = await apikeys(stack, 'keys', 'rotate', 'records');
    expect([unknownCommand.code, unknownCommand.stderr]).toEqual([2, expect.stringContaining('unknown command "keys rotate"')]);
    const unknownClient = await apikeys(stack, 'keys', 'issue', 'nobody');
    expect([unknownClient.code, unknownClient.stderr]).toEqual([1, expect.stringContaining('no client named "nobody"')]);
    writeFileSync(join(folder, 'outside.graphql'), 'query Licences { me { pets { licenses { id } } } }');
    await mustRun(stack, 'clients', 'add', 'core-only', '--divisions', 'core', '--roles', 'admin');
    const outside = await apikeys(stack, 'operations', 'add', 'core-only', join(folder, 'outside.graphql'));
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain("operation Licences: reaches licensure, outside the client's divisions (core)");
  }, 90_000);
});

describe('requests with an API key', () => {
  it('run a registered operation by hash alone, acting as the client with its roles', async () => {
    // The pet is another person's: only the client's admin role lets it read it.
    const res = await withKey(stack.gatewayUrl, key, { extensions: persisted(hashes.PetRecord!), variables: { id: petId } });
    expect(res).toEqual({ status: 200, data: { pet: { name: 'Keyed', species: 'DOG', licenses: [] } } });
  });

  it('run a registered operation sent as its exact text', async () => {
    const text = 'query Species {\n  species {\n    code\n  }\n}';
    const res = await withKey(stack.gatewayUrl, key, { query: text });
    expect(res.status).toBe(200);
    expect(res.data.species.length).toBeGreaterThan(0);
  });

  it('refuse a free-form query with 403 OPERATION_NOT_TRUSTED before any subgraph does work', async () => {
    stack.subgraphs.core!.statements.length = 0;
    for (const query of ['{ species { code name } }', 'query Species { species { code } }']) {
      const res = await withKey(stack.gatewayUrl, key, { query });
      expect(res.status).toBe(403);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([
        {
          message: expect.stringMatching(
            /^operation refused: API client "records" may run only the operations registered for it, and sha256 [0-9a-f]{64} is not one of them/,
          ),
          extensions: { code: 'OPERATION_NOT_TRUSTED', sha256: sha256Hex(query) },
        },
      ]);
    }
    const unknownHash = await withKey(stack.gatewayUrl, key, { extensions: persisted(sha256Hex('{ me { id } }')) });
    expect([unknownHash.status, unknownHash.errors?.[0]?.extensions?.code]).toEqual([403, 'OPERATION_NOT_TRUSTED']);
    // Core's relay polls its outbox meanwhile; what matters is that no request reached the species table.
    const speciesRead = () => stack.subgraphs.core!.statements.some((statement) => statement.includes('from "core"."species"'));
    expect(speciesRead()).toBe(false);
    expect((await withKey(stack.gatewayUrl, key, { extensions: persisted(hashes.Species!) })).status).toBe(200);
    expect(speciesRead()).toBe(true);
  });

  it("refuse another client's operation, both ways", async () => {
    const db = stack.b2b!.database.db;
    await addClient(db, { name: 'other', roles: [], divisions: ['core'], requestsPerMinute: 100 }, ['core', 'licensure']);
    const text = 'query OtherSpecies {\n  species {\n    name\n  }\n}';
    await registerOperations(db, 'other', [{ name: 'OtherSpecies', text, sha256: sha256Hex(text), divisions: ['core'] }]);
    const other = (await issueKey(db, 'other')).key;
    expect((await withKey(stack.gatewayUrl, other, { extensions: persisted(sha256Hex(text)) })).status).toBe(200);
    const theirs = await withKey(stack.gatewayUrl, key, { extensions: persisted(sha256Hex(text)) });
    expect([theirs.status, theirs.errors?.[0]?.extensions?.code]).toEqual([403, 'OPERATION_NOT_TRUSTED']);
    const ours = await withKey(stack.gatewayUrl, other, { extensions: persisted(hashes.Species!) });
    expect([ours.status, ours.errors?.[0]?.extensions?.code]).toEqual([403, 'OPERATION_NOT_TRUSTED']);
  });

  it('are refused with 401 for a key that is malformed or unknown, and with 400 alongside a bearer token', async () => {
    const species = { extensions: persisted(hashes.Species!) };
    const malformed = await withKey(stack.gatewayUrl, 'not-a-key', species);
    expect([malformed.status, malformed.errors]).toEqual([
      401,
      [{ message: 'x-api-key is not an API key of this API: it must read psa_<12 hex digits>_<43 characters>', extensions: { code: 'UNAUTHENTICATED' } }],
    ]);
    const wrongSecret = `${key.slice(0, -4)}AAAA`;
    const wrong = await withKey(stack.gatewayUrl, wrongSecret, species);
    expect([wrong.status, wrong.errors]).toEqual([401, [{ message: `API key psa_${prefixOf(key)}_… is not valid`, extensions: { code: 'UNAUTHENTICATED' } }]]);
    const both = await withKey(stack.gatewayUrl, key, species, { authorization: `Bearer ${owner.token}` });
    expect([both.status, both.errors]).toEqual([
      400,
      [{ message: 'send an API key (x-api-key) or a bearer token (Authorization), not both', extensions: { code: 'BAD_REQUEST' } }],
    ]);
  });

  it('record when the key was last used, without the request waiting for it', async () => {
    const lastUsed = async () =>
      (await stack.b2b!.sql.query('select last_used_at from gateway.api_keys where prefix = $1', [prefixOf(key)])).rows[0].last_used_at;
    // Used here, not only by the tests before it: --randomize may run this one first.
    const used = await withKey(stack.gatewayUrl, key, { extensions: persisted(hashes.Species!) });
    expect(used.errors).toBeUndefined();
    await eventually('last_used_at is set', async () => (await lastUsed()) !== null);
    expect((await lastUsed()).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await mustRun(stack, 'keys', 'list', 'records')).toMatch(new RegExp(`${prefixOf(key)} +records +\\S+Z +\\S+Z +-`));
  });

  it('leave front-end requests with a bearer token as they were: free-form queries within the limits', async () => {
    const res = await postGraphQL(stack.gatewayUrl, { query: '{ me { lastName pets { name } } }' }, { authorization: `Bearer ${owner.token}` });
    expect(res).toEqual({ status: 200, data: { me: { lastName: 'b2b-owner', pets: [{ name: 'Keyed' }] } } });
  });
});

describe('divisions', () => {
  it("a client limited to core gets core's fields and FORBIDDEN naming licensure for licensure's", async () => {
    const db = stack.b2b!.database.db;
    await addClient(db, { name: 'narrowed', roles: ['admin'], divisions: ['core', 'licensure'], requestsPerMinute: 100 }, ['core', 'licensure']);
    const text = 'query Narrowed($id: ID!) { pet(id: $id) { name registry { registryNumber } licenses { licenseNumber } } }';
    await registerOperations(db, 'narrowed', [{ name: 'Narrowed', text, sha256: sha256Hex(text), divisions: ['core', 'licensure'] }]);
    // Its divisions narrowed after it registered: the gateway holds it to them at run time.
    await stack.b2b!.sql.query("update gateway.api_clients set divisions = '{core}' where name = 'narrowed'");
    const narrowed = (await issueKey(db, 'narrowed')).key;
    stack.subgraphs.licensure!.statements.length = 0;
    const res = await withKey(stack.gatewayUrl, narrowed, { query: text, variables: { id: petId } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ pet: { name: 'Keyed', registry: null, licenses: null } });
    const message = 'API client "narrowed" may not reach the licensure division; its fields are null';
    expect(res.errors).toEqual(
      expect.arrayContaining([
        { message, path: ['pet', 'registry'], extensions: { code: 'FORBIDDEN', division: 'licensure', serviceName: 'licensure' } },
        { message, path: ['pet', 'licenses'], extensions: { code: 'FORBIDDEN', division: 'licensure', serviceName: 'licensure' } },
      ]),
    );
    expect(res.errors).toHaveLength(2);
    expect(stack.subgraphs.licensure!.statements.filter((statement) => /"licensure"\."(pet_registry|municipal_licenses)"/.test(statement))).toEqual([]);
  });
});

describe('revocation', () => {
  it(`bites within ${KEY_CACHE_MS / 1000} s on a gateway that has just served the key`, async () => {
    const revocable = (await mustRun(stack, 'keys', 'issue', 'records')).trim();
    const species = { extensions: persisted(hashes.Species!) };
    expect((await withKey(stack.gatewayUrl, revocable, species)).status).toBe(200);
    const revoked = await apikeys(stack, 'keys', 'revoke', prefixOf(revocable));
    expect([revoked.code, revoked.stdout]).toEqual([0, expect.stringContaining(`key ${prefixOf(revocable)} of client records revoked at `)]);
    await sleep(KEY_CACHE_MS);
    const res = await withKey(stack.gatewayUrl, revocable, species);
    expect(res.status).toBe(401);
    expect(res.errors).toEqual([
      { message: expect.stringMatching(new RegExp(`^API key psa_${prefixOf(revocable)}_… was revoked at \\d{4}-`)), extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    // The other key of the same client is untouched.
    expect((await withKey(stack.gatewayUrl, key, species)).status).toBe(200);
    const again = await apikeys(stack, 'keys', 'revoke', prefixOf(revocable));
    expect(again.stdout).toContain('was already revoked');
  }, 90_000);
});
