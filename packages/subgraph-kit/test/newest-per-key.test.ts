import { randomBytes, randomUUID } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { boolean, pgSchema, timestamp, uuid } from 'drizzle-orm/pg-core';
import { openPostgres, type Database, type Db } from '@psa/db';
import { groupLoader, newestPerKey, preparedStatements } from '../src/loaders';

// A schema of its own in the test server's admin database, dropped afterwards.
const schemaName = `psa_test_newest_${randomBytes(4).toString('hex')}`;
const schema = pgSchema(schemaName);
const reviews = schema.table('reviews', {
  id: uuid('id').primaryKey(),
  clinicId: uuid('clinic_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  published: boolean('published').notNull(),
});

const statementsOf = preparedStatements((db: Db) => ({
  newest: newestPerKey(db, reviews, {
    key: reviews.clinicId,
    where: eq(reviews.published, true),
    order: [desc(reviews.createdAt), asc(reviews.id)],
    limit: 3,
    name: `${schemaName}_newest`,
  }),
}));

let database: Database;
const busy = randomUUID();
const quiet = randomUUID();
const silent = randomUUID();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));

beforeAll(async () => {
  database = openPostgres(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  await database.db.execute(sql.raw(`create schema "${schemaName}"`));
  await database.db.execute(
    sql.raw(`create table "${schemaName}".reviews (id uuid primary key, clinic_id uuid not null, created_at timestamptz not null, published boolean not null)`),
  );
  await database.db.insert(reviews).values([
    ...[1, 2, 3, 4, 5].map((minute) => ({ id: randomUUID(), clinicId: busy, createdAt: at(minute), published: true })),
    // The newest of all, but not published: never shown, and it takes no place in the first three.
    { id: randomUUID(), clinicId: busy, createdAt: at(9), published: false },
    { id: randomUUID(), clinicId: quiet, createdAt: at(1), published: true },
    { id: randomUUID(), clinicId: quiet, createdAt: at(2), published: true },
  ]);
});

afterAll(async () => {
  await database.db.execute(sql.raw(`drop schema "${schemaName}" cascade`));
  await database.close();
});

describe('newestPerKey', () => {
  it('gives each key its newest rows that match, at most the limit, newest first, in one batch', async () => {
    const loader = groupLoader(statementsOf(database.db).newest, (review) => review.clinicId);
    const [busyReviews, quietReviews, silentReviews] = await loader.loadMany([busy, quiet, silent]);
    expect((busyReviews as { createdAt: Date }[]).map((r) => r.createdAt)).toEqual([at(5), at(4), at(3)]);
    expect((quietReviews as { createdAt: Date }[]).map((r) => r.createdAt)).toEqual([at(2), at(1)]);
    expect(silentReviews).toEqual([]);
  });

  it('reads whole rows, and the same prepared statement serves a batch of another size', async () => {
    const loader = groupLoader(statementsOf(database.db).newest, (review) => review.clinicId);
    const [only] = (await loader.loadMany([quiet])) as { id: string; clinicId: string; published: boolean }[][];
    expect(only).toHaveLength(2);
    for (const review of only!) expect(review).toEqual({ id: expect.any(String), clinicId: quiet, createdAt: expect.any(Date), published: true });
  });
});
