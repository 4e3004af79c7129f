import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { createTrainingLoaders } from './loaders';
import { notesModule } from './modules/notes/resolvers';
import { trainersModule } from './modules/trainers/resolvers';
import { paymentsModule } from './modules/payments/resolvers';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';
import { notes } from './modules/notes/tables';
import { petProjection, ownerProjection } from './modules/core-copies/projections';

export const training = createSubgraph({
  name: 'training',
  modules: [notesModule, trainersModule, paymentsModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createTrainingLoaders(db),
  audit: auditLog,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; `erase: { keep: 'health records' }` keeps what the law keeps.
  ownerData: [
    { table: notes, rows: (o) => inArray(notes.petId, o.petIds) },
    // Payments are transactions (7 years); they hold no personal data beyond the owner's id.
    { table: trainingPayments, rows: (o) => eq(trainingPayments.ownerId, o.ownerId), erase: { keep: 'transactions' } },
  ],
  // Transactions, 7 years. A payout's items go with their payout, and a payment or payout is kept while an item
  // still refers to it, so the oldest go in the order their references allow.
  retention: [
    {
      kind: 'transactions',
      table: payoutItems,
      from: sql`(select ${payouts.createdAt} from ${payouts} where ${payouts.id} = ${payoutItems.payoutId})`,
    },
    {
      kind: 'transactions',
      table: trainingPayments,
      from: trainingPayments.createdAt,
      keepWhile: sql`exists (select 1 from ${payoutItems} where ${payoutItems.paymentId} = ${trainingPayments.id})`,
    },
    {
      kind: 'transactions',
      table: payouts,
      from: payouts.createdAt,
      keepWhile: sql`exists (select 1 from ${payoutItems} where ${payoutItems.payoutId} = ${payouts.id})`,
    },
  ],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile training` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'training.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'training.owner_copies' },
  ],
  events: { consumes: [petProjection, ownerProjection] },
});
