import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey, hashSecret, parseKey, secretMatches } from '../src/b2b/key-format';
import { MemoryRateLimiter } from '../src/b2b/rate-limit';
import { OperationChecker, prepareOperations, RegistrationError, subgraphNames } from '../src/b2b/registration';
import { sentOperationHash, sha256Hex } from '../src/b2b/operations';
import { SUPERGRAPH_PATH } from '../src/gateway';

describe('API keys as text', () => {
  it('are psa_<prefix>_<secret>, parsed back to their parts, and checked against the hash of the secret only', () => {
    const issued = generateKey();
    expect(issued.key).toMatch(/^psa_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseKey(issued.key)).toEqual({ prefix: issued.prefix, secret: issued.secret });
    expect(issued.secretHash).toBe(hashSecret(issued.secret));
    expect(secretMatches(issued.secret, issued.secretHash)).toBe(true);
    expect(secretMatches(`${issued.secret.slice(0, -1)}x`, issued.secretHash)).toBe(false);
    expect(generateKey().prefix).not.toBe(issued.prefix);
  });

  it.each([
    '',
    'psa_',
    `psa_ABCDEF012345_${'a'.repeat(43)}`,
    `psa_abcdef01234_${'a'.repeat(43)}`,
    `psa_abcdef012345_${'a'.repeat(42)}`,
    `key_abcdef012345_${'a'.repeat(43)}`,
  ])('"%s" is not a key', (text) => expect(parseKey(text)).toBeNull());
});

describe('the hash a request names', () => {
  const query = '{ species { code } }';
  it('is the hash of the text when it sends text, else the hash it sends, by POST or GET', () => {
    expect(sentOperationHash('POST', '/graphql', JSON.stringify({ query }))).toBe(sha256Hex(query));
    expect(sentOperationHash('POST', '/graphql', JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }))).toBe('abc');
    expect(sentOperationHash('GET', `/graphql?query=${encodeURIComponent(query)}`, '')).toBe(sha256Hex(query));
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'def' } }));
    expect(sentOperationHash('GET', `/graphql?extensions=${extensions}`, '')).toBe('def');
    expect(sentOperationHash('POST', '/graphql', '[{"query":"{ a }"}]')).toBeUndefined();
    expect(sentOperationHash('POST', '/graphql', '')).toBeUndefined();
  });
});

describe('the sliding window in memory', () => {
  it('lets `limit` requests through per key, then tells how long to wait', async () => {
    const limiter = new MemoryRateLimiter();
    expect((await Promise.all([1, 2, 3].map(() => limiter.take('k', 3)))).map((d) => d.allowed)).toEqual([true, true, true]);
    const refused = await limiter.take('k', 3);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.take('other', 3)).allowed).toBe(true);
  });
});

describe('registering operations', () => {
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const checker = new OperationChecker(supergraph);

  it('knows the divisions from the supergraph', () => {
    const registry = JSON.parse(readFileSync(join(__dirname, '..', '..', 'subgraphs', 'registry.json'), 'utf8')) as { subgraphs: { name: string }[] };
    expect(subgraphNames(supergraph)).toEqual(registry.subgraphs.map((s) => s.name).sort());
  });

  it('registers each named operation with the fragments it uses, printed, and the divisions its plan reaches', () => {
    const file = `
      # comments and layout do not matter
      query Names { species { name } }
      query Records($id: ID!) { pet(id: $id) { ...P } }
      fragment P on Pet { name   vaccinations { vaccineName } }
      fragment Unused on Pet { id }
    `;
    const [names, records] = prepareOperations(file, 'ops.graphql', checker, ['core', 'licensure']);
    expect(names).toEqual({
      name: 'Names',
      text: 'query Names {\n  species {\n    name\n  }\n}',
      sha256: sha256Hex('query Names {\n  species {\n    name\n  }\n}'),
      divisions: ['core'],
    });
    expect(records!.text).toBe(
      'query Records($id: ID!) {\n  pet(id: $id) {\n    ...P\n  }\n}\n\nfragment P on Pet {\n  name\n  vaccinations {\n    vaccineName\n  }\n}',
    );
    expect(records!.divisions).toEqual(['core', 'licensure']);
  });

  it('refuses the whole file, listing every problem', () => {
    const file = `
      query Licences { me { pets { licenses { id } } } }
      query Typo { species { nmae } }
      query Typo { species { name } }
      { species { name } }
      query Deep { me { pets { owner { pets { owner { pets { owner { pets { owner { pets { owner { id } } } } } } } } } } } }
      type Extra { id: ID }
    `;
    expect(() => prepareOperations(file, 'ops.graphql', checker, ['core'])).toThrow(
      new RegistrationError(
        [
          'ops.graphql cannot be registered:',
          'ops.graphql:7: only operations and fragments can be registered, not ObjectTypeDefinition',
          "operation Licences: reaches licensure, outside the client's divisions (core)",
          'operation Typo: Cannot query field "nmae" on type "Species". Did you mean "name"?',
          'operation Typo: defined twice in the file',
          'ops.graphql:5: every operation must be named (it is listed and logged by its name)',
          'operation Deep: operation refused: Query depth limit of 10 exceeded, found 12.',
        ].join('\n  - '),
      ),
    );
  });

  it('points at the line of a syntax error', () => {
    expect(() => prepareOperations('query Broken { species { name }', 'broken.graphql', checker, ['core'])).toThrow(
      'broken.graphql:1:32: Syntax Error: Expected Name, found <EOF>.',
    );
  });
});
