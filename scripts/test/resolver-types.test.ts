/**
 * The generated resolver types refuse a resolver map that does not match the subgraph's SDL: a field the SDL lacks
 * (Apollo would skip it silently and the default resolver would answer) or an argument of the wrong type fails
 * the type check, naming the field. Each map is compiled on its own, in a scratch folder, against core's
 * generated types.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const GENERATED = join(ROOT, 'subgraphs', 'core', 'src', 'generated', 'resolvers');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'resolver-types-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The type errors of a file holding `source`, which may use `Resolvers` and `CoreContext`. */
function typeErrors(name: string, source: string): string[] {
  const file = join(scratch, `${name}.ts`);
  writeFileSync(file, `import type { Resolvers } from ${JSON.stringify(GENERATED)};\n${source}\n`);
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram([file], { ...options, noEmit: true, types: [] });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

it('accepts a map the SDL agrees with', () => {
  expect(
    typeErrors(
      'agrees',
      `
export const resolvers = {
  Query: { pet: (_, { id }) => (id.length > 0 ? null : null) },
  Pet: { owner: () => null },
} satisfies Resolvers;
`,
    ),
  ).toEqual([]);
}, 60_000);

it('refuses a resolver for a field the SDL does not have, naming it', () => {
  const errors = typeErrors(
    'unknown-field',
    `
export const resolvers = {
  Pet: { nickname: () => 'Rex' },
} satisfies Resolvers;
`,
  );
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/'nickname' does not exist in type 'PetResolvers/);
}, 60_000);

it('refuses a mutation renamed away from the SDL, suggesting the field it has', () => {
  const errors = typeErrors(
    'renamed-mutation',
    `
export const resolvers = {
  Mutation: { registerAPet: () => null },
} satisfies Resolvers;
`,
  );
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/'registerAPet' does not exist in type 'MutationResolvers/);
  expect(errors[0]).toMatch(/Did you mean to write 'registerPet'\?/);
}, 60_000);

it('refuses an argument of the wrong type, naming the argument', () => {
  const errors = typeErrors(
    'wrong-argument',
    `
export const resolvers = {
  Query: { pet: (_: unknown, args: { id: number }) => (args.id > 0 ? null : null) },
} satisfies Resolvers;
`,
  );
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/Types of parameters 'args' and 'args' are incompatible/);
  expect(errors[0]).toMatch(/Types of property 'id' are incompatible[\s\S]*'string' is not assignable to type 'number'/);
}, 60_000);
