/**
 * The files of a new division, as `pnpm new:division` writes them. One example module (`notes`: what the
 * division notes about a pet, read by the pet's owner under core's access answer and written by the division's
 * staff) shows every part a module has; `--copies` adds the copies of core's aggregates and their projector.
 */
export interface DivisionNames {
  /** snake_case: the package (@psa/<name>), the folder, the PostgreSQL schema, the consumer group. */
  name: string;
  /** PascalCase, for GraphQL types (`HealthcareNote`): types must be unique across the supergraph. */
  type: string;
  /** camelCase, for fields and TypeScript identifiers (`healthcareNotes`, `healthcareSchema`). */
  field: string;
  /** The token role of the division's staff. */
  staffRole: string;
}

export type CopiedAggregate = 'pet' | 'owner' | 'household';

export function divisionNames(name: string): DivisionNames {
  const words = name.split('_').filter(Boolean);
  const type = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return { name, type, field: type[0]!.toLowerCase() + type.slice(1), staffRole: `${name}_staff` };
}

export function packageJson({ name }: DivisionNames, versions: Record<string, string>): string {
  return `${JSON.stringify(
    {
      name: `@psa/${name}`,
      version: '0.1.0',
      private: true,
      main: 'src/index.ts',
      scripts: { 'db:generate': 'drizzle-kit generate' },
      dependencies: {
        '@psa/db': 'workspace:*',
        '@psa/events': 'workspace:*',
        '@psa/subgraph-kit': 'workspace:*',
        'drizzle-orm': versions['drizzle-orm'],
        graphql: versions.graphql,
      },
      devDependencies: { '@psa/core': 'workspace:*', '@psa/testing': 'workspace:*', 'drizzle-kit': versions['drizzle-kit'] },
    },
    null,
    2,
  )}\n`;
}

export const drizzleConfig = ({ name }: DivisionNames) => `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/modules/*/tables.ts', './src/audit.ts'],
  out: './drizzle',
  schemaFilter: ['${name}'],
  migrations: { schema: '${name}', table: '__drizzle_migrations' },
});
`;

export const dbSchema = ({ name, field }: DivisionNames) => `import { pgSchema } from 'drizzle-orm/pg-core';

/** Every ${name} table, enum and the migrations table live in the \`${name}\` PostgreSQL schema. */
export const ${field}Schema = pgSchema('${name}');
`;

export const audit = ({ name, field }: DivisionNames) => `import { auditTable } from '@psa/subgraph-kit';
import { ${field}Schema } from './db-schema';

/** ${name}'s audit log: a row per mutation, in the change's transaction (exported for drizzle-kit). */
export const auditLog = auditTable(${field}Schema);
`;

export const context = ({ type }: DivisionNames) => `import type { SubgraphContext } from '@psa/subgraph-kit';
import type { ${type}Loaders } from './loaders';

export type ${type}Context = SubgraphContext<${type}Loaders>;
`;

export function loaders({ name, type }: DivisionNames, copies: CopiedAggregate[]): string {
  const livePet = copies.includes('pet');
  return `import { ${livePet ? 'and, desc, eq' : 'desc'} } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, ${livePet ? 'isAnyKey, ' : ''}isUuid, preparedStatements, ${livePet ? 'rowLoader, ' : ''}rowsByKey } from '@psa/subgraph-kit';
import { notes } from './modules/notes/tables';
${livePet ? "import { petCopies } from './modules/core-copies/tables';\n" : ''}
/** One statement per loader, prepared once per database handle (names unique on a connection); a batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  notesByPetId: rowsByKey(db, notes, { key: notes.petId, order: [desc(notes.createdAt), desc(notes.id)], name: '${name}_notes_by_pet_id' }),
${
  livePet
    ? `  livePetById: db
    .select({ id: petCopies.id })
    .from(petCopies)
    .where(and(isAnyKey(petCopies.id), eq(petCopies.deleted, false)))
    .prepare('${name}_live_pet_by_id'),
`
    : ''
}}));

/** Every field the division adds to core's entities goes through one of these: one statement per field per request. */
export function create${type}Loaders(db: Db) {
  const statements = statementsOf(db);
  return {
    notesByPetId: groupLoader(statements.notesByPetId, (note) => note.petId, isUuid),
${
  livePet
    ? `    // The pets core has, as this division's copy knows them (kept current by events; never a call to core).
    livePetById: rowLoader(statements.livePetById, (pet) => pet.id, isUuid),
`
    : ''
}  };
}

export type ${type}Loaders = ReturnType<typeof create${type}Loaders>;
`;
}

const SOURCE_TABLES: Record<CopiedAggregate, string> = { pet: 'core.pets', owner: 'core.owners', household: 'core.households' };
const COPY_TABLES: Record<CopiedAggregate, string> = { pet: 'pet_copies', owner: 'owner_copies', household: 'household_copies' };
const COPY_PROJECTIONS: Record<CopiedAggregate, string> = { pet: 'petProjection', owner: 'ownerProjection', household: 'householdProjection' };

export function index(names: DivisionNames, copies: CopiedAggregate[]): string {
  const { name, type, field } = names;
  const copiesImport = copies.length ? `import { ${copies.map((c) => COPY_PROJECTIONS[c]).join(', ')} } from './modules/core-copies/projections';\n` : '';
  const copiesDeclaration = copies.length
    ? `  // Copies of core's aggregates for its own rules, kept current from core's events; \`pnpm reconcile ${name}\` checks them.
  copies: [
${copies.map((c) => `    { aggregate: '${c}', source: { subgraph: 'core', table: '${SOURCE_TABLES[c]}' }, copy: '${name}.${COPY_TABLES[c]}' },`).join('\n')}
  ],
  events: { consumes: [${copies.map((c) => COPY_PROJECTIONS[c]).join(', ')}] },
`
    : '';
  return `import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { create${type}Loaders } from './loaders';
import { notesModule } from './modules/notes/resolvers';
import { notes } from './modules/notes/tables';
${copiesImport}
export const ${field} = createSubgraph({
  name: '${name}',
  modules: [notesModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => create${type}Loaders(db),
  audit: auditLog,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; \`erase: { keep: 'health records' }\` keeps what the law keeps.
  ownerData: [{ table: notes, rows: (o) => inArray(notes.petId, o.petIds) }],
${copiesDeclaration}});
`;
}

export const main = ({ name, field }: DivisionNames) => `import { runSubgraphMain } from '@psa/subgraph-kit';
import { portOf } from '../../registry';
import { ${field} } from './index';

runSubgraphMain(${field}, portOf('${name}')).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
`;

export const notesSchema = ({ name, type, field, staffRole }: DivisionNames) => `"""
Core's pet, as ${name} sees it. \`viewerAccess\` is core's signed answer to "may this viewer see the pet?"; every
field ${name} adds to Pet requires it, and is nullable so that an outage of ${name} nulls only its own fields.
"""
type Pet @key(fields: "id") {
  id: ID!
  viewerAccess: String @external
  "What ${name} noted about the pet, newest first: for the pet's owner (and household) and ${name} staff."
  ${field}Notes: [${type}Note!] @requires(fields: "viewerAccess")
}

type ${type}Note {
  id: ID!
  "Null when core does not let the viewer see the pet."
  pet: Pet
  text: String!
  "The token subject of the staff member who wrote it."
  author: String!
  createdAt: DateTime!
}

input Add${type}NoteInput {
  petId: ID!
  "At most 2000 characters."
  text: String!
}

extend type Mutation {
  "${name} staff (token role ${staffRole}) and admins."
  add${type}Note(input: Add${type}NoteInput!): ${type}Note!
}
`;

export const notesTables = ({ type, field }: DivisionNames) => `import { timestamps } from '@psa/db';
import { index, text, uuid } from 'drizzle-orm/pg-core';
import { ${field}Schema } from '../../db-schema';

/** A note about one of core's pets; the pet is core's, so only its id is kept. */
export const notes = ${field}Schema.table(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    text: text('text').notNull(),
    author: text('author').notNull(),
    ...timestamps(),
  },
  (t) => [index('notes_pet_id_idx').on(t.petId)],
);

/** The row behind GraphQL's ${type}Note (pnpm codegen maps a type to the <Type>Row its module's tables.ts exports). */
export type ${type}NoteRow = typeof notes.$inferSelect;
`;

export const notesRules = () => `import { requiredText } from '@psa/subgraph-kit';

export const MAX_NOTE_LENGTH = 2000;

/** A note's text: required, trimmed, bounded. Throws BAD_USER_INPUT naming the field. */
export function noteText(field: string, value: string): string {
  return requiredText(field, value, MAX_NOTE_LENGTH);
}
`;

export function notesResolvers({ name, type, field, staffRole }: DivisionNames, copies: CopiedAggregate[]): string {
  const livePet = copies.includes('pet');
  return `import { coreEntityField, forbidden, ${livePet ? 'loadOrNotFound' : 'isUuid'}, loadTypeDefs, ${livePet ? '' : 'notFound, '}type SubgraphModule } from '@psa/subgraph-kit';
import type { ${type}Context } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { notes } from './tables';
import { noteText } from './rules';

/** ${name}'s staff: they write notes about every pet. */
export const STAFF_ROLE = '${staffRole}';

const petOf = (row: { petId: string }) => ({ __typename: 'Pet' as const, id: row.petId });

/**
 * \`satisfies Resolvers\` (generated by pnpm codegen from this subgraph's SDL): a field the SDL does not have, or an
 * argument of the wrong type, fails the type check instead of being skipped at run time.
 */
export const notesModule: SubgraphModule = {
  name: 'notes',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      add${type}Note: async (_, { input }, ctx) => {
        const author = ctx.viewer.requireSubject();
        if (!ctx.viewer.isAdmin && !ctx.viewer.hasRole(STAFF_ROLE)) throw forbidden(\`only \${STAFF_ROLE} and admins may write ${name} notes\`);
        const text = noteText('input.text', input.text);
${
  livePet
    ? `        // Only for a pet core has (${name}'s copy of it, kept current by events; never a call to core).
        await loadOrNotFound(ctx.loaders.livePetById, input.petId, 'Pet');`
    : `        if (!isUuid(input.petId)) throw notFound('Pet', input.petId);`
}
        const [note] = await ctx.db.insert(notes).values({ petId: input.petId, text, author }).returning();
        return note!;
      },
    },
    Pet: {
      // ${name} stores nothing about the pet itself: the reference is all its fields need.
      __resolveReference: (reference) => reference,
      ${field}Notes: coreEntityField('Pet', [STAFF_ROLE], (pet, ctx: ${type}Context) => ctx.loaders.notesByPetId.load(pet.id)),
    },
    ${type}Note: { pet: (note) => petOf(note) },
  } satisfies Resolvers,
};
`;
}

export function notesTest({ name, type, field, staffRole }: DivisionNames, copies: CopiedAggregate[]): string {
  const livePet = copies.includes('pet');
  return `import { randomUUID } from 'node:crypto';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { ${field} } from '../src';

/** ${name}'s notes, in process: no gateway, no broker, a throwaway PGlite. */
let subject: SubgraphUnderTest;
const staff = { subject: 'staff-1', roles: ['${staffRole}'] };
const petId = randomUUID();
const ADD = \`mutation($i: Add${type}NoteInput!) { add${type}Note(input: $i) { id text author } }\`;
const NOTES = \`query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { ${field}Notes { text } } } }\`;

beforeAll(async () => {
  subject = await subgraphUnderTest(${field});
${
  livePet
    ? `  // What the projector would have copied from core: a live pet.
  await subject.db.execute(\`insert into ${name}.pet_copies (id, version, owner_id, name, status) values ('\${petId}', 1, '\${randomUUID()}', 'Rex', 'ACTIVE')\` as never);
`
    : ''
}}, 60_000);
afterAll(() => subject?.close());

it('staff write a note; the owner reads it with core\\'s grant for them and this pet', async () => {
  const added = await subject.run(ADD, { i: { petId, text: '  Calm on the table  ' } }, staff);
  expect(added.errors).toBeUndefined();
  expect(added.data.add${type}Note).toMatchObject({ text: 'Calm on the table', author: 'staff-1' });
  const read = await subject.run(NOTES, { r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, 'owner-1') }] }, { subject: 'owner-1' });
  expect(read.errors).toBeUndefined();
  expect(read.data._entities[0].${field}Notes).toEqual([{ text: 'Calm on the table' }]);
});

it('without core\\'s grant for the viewer and this pet, the notes are FORBIDDEN', async () => {
  const read = await subject.run(NOTES, { r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, 'someone-else') }] }, { subject: 'owner-1' });
  expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
});

it('an owner may not write notes, and a blank note is BAD_USER_INPUT naming input.text', async () => {
  const owner = await subject.run(ADD, { i: { petId, text: 'mine' } }, { subject: 'owner-1' });
  expect(owner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const blank = await subject.run(ADD, { i: { petId, text: '   ' } }, staff);
  expect(blank.errors?.[0]).toMatchObject({ message: 'input.text: is required and must not be blank', extensions: { code: 'BAD_USER_INPUT', field: 'input.text' } });
});
${
  livePet
    ? `
it('a note for a pet core does not have is NOT_FOUND', async () => {
  const res = await subject.run(ADD, { i: { petId: randomUUID(), text: 'who?' } }, staff);
  expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
`
    : ''
}`;
}

export function copiesTables({ field }: DivisionNames, copies: CopiedAggregate[]): string {
  const tables: Record<CopiedAggregate, string> = {
    pet: `/** Core's pets, as far as this division's own rules need them; fields are null on a deleted copy. */
export const petCopies = ${field}Schema.table('pet_copies', {
  ...copyColumns(),
  ownerId: uuid('owner_id'),
  name: text('name'),
  status: text('status'),
});`,
    owner: `/** Core's owners, as far as this division's own rules need them. */
export const ownerCopies = ${field}Schema.table('owner_copies', {
  ...copyColumns(),
  clerkId: text('clerk_id'),
});`,
    household: `/** Core's households, as far as this division's own rules need them. */
export const householdCopies = ${field}Schema.table('household_copies', {
  ...copyColumns(),
  name: text('name'),
});`,
  };
  return `import { text, uuid } from 'drizzle-orm/pg-core';
import { copyColumns } from '@psa/events';
import { ${field}Schema } from '../../db-schema';

${copies.map((c) => tables[c]).join('\n\n')}
`;
}

export function copiesProjections(_names: DivisionNames, copies: CopiedAggregate[]): string {
  const rows: Record<CopiedAggregate, string> = {
    pet: `// Whatever this division books for a pet (a seat, a session, a place in line) must end when core deletes the pet or
// reports it DECEASED, in this transaction: keep the ids versionedUpsert returns and end what petsGone(events, changed)
// names (as healthcare's releaseGonePets and training's withdrawGonePets do), and declare the rule in \`checks\`.
export const petProjection: Projection<typeof CORE_TOPICS.pet> = {
  topic: CORE_TOPICS.pet,
  apply: (tx, events) =>
    versionedUpsert(tx, petCopies, newestPerAggregate(events).map((e) =>
      e.type === 'pet.deleted' ? { id: e.aggregateId, version: e.version, deleted: true } : { id: e.aggregateId, version: e.version, deleted: false, ownerId: e.payload.ownerId, name: e.payload.name, status: e.payload.status },
    )).then(() => undefined),
};`,
    owner: `/** Who each owner signs in as: the shared projection (core.owner; an erasure leaves a tombstone). */
export const ownerProjection = ownerSignInProjection(ownerCopies);`,
    household: `export const householdProjection: Projection<typeof CORE_TOPICS.household> = {
  topic: CORE_TOPICS.household,
  apply: (tx, events) =>
    versionedUpsert(tx, householdCopies, newestPerAggregate(events).map((e) =>
      e.type === 'household.dissolved' ? { id: e.aggregateId, version: e.version, deleted: true, name: null } : { id: e.aggregateId, version: e.version, deleted: false, name: e.payload.name },
    )).then(() => undefined),
};`,
  };
  const tables = { pet: 'petCopies', owner: 'ownerCopies', household: 'householdCopies' };
  const needs = copies.filter((c) => c !== 'owner');
  const imports = [
    ...(needs.length > 0 ? ['CORE_TOPICS', 'newestPerAggregate'] : []),
    ...(copies.includes('owner') ? ['ownerSignInProjection'] : []),
    ...(needs.length > 0 ? ['versionedUpsert', 'type Projection'] : []),
  ];
  return `import { ${imports.join(', ')} } from '@psa/events';
import { ${copies.map((c) => tables[c]).join(', ')} } from './tables';

/**
 * Copies hold state, not history: each batch keeps the newest event per aggregate, and versionedUpsert never
 * goes back in version, so duplicates, replays and reordering change nothing. A rule this division derives from
 * a copy belongs in the projection's transaction and in a check beside \`copies\` (see the Projection contract).
 *
 * Events arrive read through their topic's contract (@psa/events contracts): payloads are typed by event type
 * (a pet's delete carries only its id), and an event that breaks the contract goes to the dead-letter topic
 * instead of reaching apply.
 */
${copies.map((c) => rows[c]).join('\n\n')}
`;
}

/** The division among the real ones: core, the gateway, PostgreSQL and Kafka (the end-to-end suite runs it). */
export function gatewayTest({ name, type, field, staffRole }: DivisionNames, copies: CopiedAggregate[]): string {
  const copyTest = copies.includes('pet')
    ? `
it('keeps its copy of the pet current from core events', async () => {
  const owner = await ownerWithPet('${name}-renamer', 'Before');
  await must('mutation($p: ID!) { updatePet(id: $p, input: { name: "After" }) { id } }', { p: owner.petId }, owner.token);
  await stack.settle();
  const { rows } = await stack.subgraphs.${name}!.sql.query('select name, deleted from ${name}.pet_copies where id = $1', [owner.petId]);
  expect(rows).toEqual([{ name: 'After', deleted: false }]);
});
`
    : '';
  return `import { core } from '@psa/core';
import { startTestStack, type TestStack } from '@psa/testing';
import { ${field} } from '../src';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, ${field}]);
}, 120_000);
afterAll(() => stack?.close());

async function must(query: string, variables: Record<string, unknown>, token: string) {
  const res = await stack.query(query, variables, token);
  if (res.errors) throw new Error(query + ': ' + JSON.stringify(res.errors));
  return res.data;
}

async function ownerWithPet(subject: string, petName: string): Promise<{ token: string; petId: string }> {
  const token = await stack.token(subject);
  await must('mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }', { i: { email: subject + '@example.com', firstName: 'Test', lastName: subject } }, token);
  const { registerPet } = await must('mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }', { i: { name: petName, species: 'DOG', sex: 'MALE', birthDate: '2020-01-01', weight: 30 } }, token);
  await stack.settle();
  return { token, petId: registerPet.id };
}

it('a pet owner reads, through the gateway, the notes ${name} staff wrote; another owner sees no pet', async () => {
  const owner = await ownerWithPet('${name}-owner', 'Mango');
  const staff = await stack.token('${name}-keeper', ['${staffRole}']);
  await must('mutation($i: Add${type}NoteInput!) { add${type}Note(input: $i) { id } }', { i: { petId: owner.petId, text: 'Calm and curious' } }, staff);
  const { me } = await must('{ me { pets { name ${field}Notes { text author } } } }', {}, owner.token);
  expect(me.pets).toEqual([{ name: 'Mango', ${field}Notes: [{ text: 'Calm and curious', author: '${name}-keeper' }] }]);
  const stranger = await ownerWithPet('${name}-stranger', 'Other');
  const seen = await stack.query('query($p: ID!) { pet(id: $p) { ${field}Notes { text } } }', { p: owner.petId }, stranger.token);
  expect(seen.data).toEqual({ pet: null });
});
${copyTest}`;
}
