import { eq } from 'drizzle-orm';
import { DATA_EXPORT_TOPIC, dataExportRequestContract, PRIVACY_SUBGRAPHS } from '@psa/events';
import { isUuid, loadTypeDefs, notFound, type SubgraphModule } from '@psa/subgraph-kit';
import { REGISTERED_SUBGRAPHS } from '../../../../registry';
import type { CoreContext } from '../../context';
import { change } from '../../outbox';
import { owners, type OwnerRow } from '../owners/tables';
import { pets } from '../pets/tables';
import { exportDocument, waitingFor } from './collect';
import { purgeAfter } from './erasure';
import { dataExports, type DataExportRow } from './tables';
import type { Resolvers } from '../../generated/resolvers';

/** The subgraphs an export waits for: every one of the supergraph that answers privacy requests. */
const ANSWERING = REGISTERED_SUBGRAPHS.map((s) => s.name).filter((name) => (PRIVACY_SUBGRAPHS as readonly string[]).includes(name));

/** The owner the viewer may export or erase: themselves, or for admins the one named (even one being erased). */
async function ownerInReach(ctx: CoreContext, ownerId: string | null | undefined): Promise<OwnerRow> {
  const subject = ctx.viewer.requireSubject();
  if (ownerId == null) {
    const own = await ctx.loaders.ownerByClerkId.load(subject);
    if (!own) throw notFound('Owner', `for ${subject} (create a profile first)`);
    return own;
  }
  const [owner] = isUuid(ownerId) ? await ctx.db.select().from(owners).where(eq(owners.id, ownerId)).limit(1) : [];
  // Someone else's profile is NOT_FOUND to a non-admin, as one that does not exist.
  if (!owner || (owner.clerkId !== subject && !ctx.viewer.isAdmin)) throw notFound('Owner', ownerId);
  return owner;
}

/** An export the viewer may see: one of their own data, or any for admins. */
async function visibleExport(ctx: CoreContext, id: string): Promise<DataExportRow | null> {
  const subject = ctx.viewer.requireSubject();
  const [row] = isUuid(id) ? await ctx.db.select().from(dataExports).where(eq(dataExports.id, id)).limit(1) : [];
  if (!row) return null;
  if (ctx.viewer.isAdmin) return row;
  const own = await ctx.loaders.ownerByClerkId.load(subject);
  return own?.id === row.ownerId ? row : null;
}

export const privacyModule: SubgraphModule = {
  name: 'privacy',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      dataExport: (_, { id }, ctx) => visibleExport(ctx, id),
    },
    Mutation: {
      requestDataExport: async (_, { ownerId }, ctx) => {
        const owner = await ownerInReach(ctx, ownerId);
        return change(ctx.db, async (tx, emit) => {
          const petIds = (await tx.select({ id: pets.id }).from(pets).where(eq(pets.ownerId, owner.id))).map((p) => p.id);
          const [row] = await tx.insert(dataExports).values({ ownerId: owner.id, requestedBy: ctx.viewer.requireSubject(), awaiting: ANSWERING }).returning();
          const payload = { exportId: row!.id, ownerId: owner.id, clerkId: owner.clerkId, petIds };
          emit({
            topic: DATA_EXPORT_TOPIC,
            key: row!.id,
            envelope: dataExportRequestContract.envelope({ type: 'data_export.requested', aggregateId: row!.id, version: 1, payload }),
          });
          return row!;
        });
      },
      requestErasure: async (_, { ownerId }, ctx) => {
        const owner = await ownerInReach(ctx, ownerId);
        const requestedAt = owner.erasureRequestedAt ?? new Date();
        if (!owner.erasureRequestedAt) {
          // In the mutation's transaction: the owner and every pet of theirs vanish together.
          await ctx.db.update(owners).set({ erasureRequestedAt: requestedAt }).where(eq(owners.id, owner.id));
          await ctx.db.update(pets).set({ erasureRequestedAt: requestedAt }).where(eq(pets.ownerId, owner.id));
        }
        return { ownerId: owner.id, requestedAt, purgeAfter: purgeAfter(requestedAt) };
      },
    },
    DataExport: {
      status: (row) => (row.completedAt ? 'COMPLETE' : 'PENDING'),
      waitingFor: (row, _, ctx) => waitingFor(ctx.db, row),
      document: (row, _, ctx) => exportDocument(ctx.db, row),
    },
  } satisfies Resolvers,
};
