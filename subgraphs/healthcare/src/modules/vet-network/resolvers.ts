import { and, asc, eq, type SQL } from 'drizzle-orm';
import { badInput, forbidden, loadOrNotFound, loadTypeDefs, type SubgraphModule } from '@psa/subgraph-kit';
import type { HealthcareContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { vetNetworkProviders } from './tables';
import { providerValues } from './rules';

const MAX_LIST = 500;

function assertAdmin(ctx: HealthcareContext, action: string): void {
  ctx.viewer.requireSubject();
  if (!ctx.viewer.isAdmin) throw forbidden(`only admins may ${action}`);
}

async function updateProvider(ctx: HealthcareContext, id: string, changes: Partial<typeof vetNetworkProviders.$inferInsert>) {
  const provider = await loadOrNotFound(ctx.loaders.vetProviderById, id, 'VetNetworkProvider');
  const [row] = await ctx.db.update(vetNetworkProviders).set(changes).where(eq(vetNetworkProviders.id, provider.id)).returning();
  return row!;
}

export const vetNetworkModule: SubgraphModule = {
  name: 'vet-network',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      vetNetworkProviders: async (_, { networkTier, acceptsDirectBilling, limit }, ctx) => {
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw badInput('limit', `must be between 1 and ${MAX_LIST}, got ${limit}`);
        const filters: SQL[] = [eq(vetNetworkProviders.active, true)];
        if (networkTier) filters.push(eq(vetNetworkProviders.networkTier, networkTier));
        if (acceptsDirectBilling != null) filters.push(eq(vetNetworkProviders.acceptsDirectBilling, acceptsDirectBilling));
        return ctx.db
          .select()
          .from(vetNetworkProviders)
          .where(and(...filters))
          .orderBy(asc(vetNetworkProviders.name), asc(vetNetworkProviders.id))
          .limit(limit);
      },
      vetNetworkProvider: async (_, { id }, ctx) => {
        const provider = await ctx.loaders.vetProviderById.load(id);
        return provider && (provider.active || ctx.viewer.isAdmin) ? provider : null;
      },
    },
    Mutation: {
      addVetNetworkProvider: async (_, { input }, ctx) => {
        assertAdmin(ctx, 'add network providers');
        const [row] = await ctx.db.insert(vetNetworkProviders).values(providerValues(input)).returning();
        return row!;
      },
      updateVetNetworkProvider: async (_, { id, input }, ctx) => {
        assertAdmin(ctx, 'change network providers');
        return updateProvider(ctx, id, providerValues(input));
      },
      setVetNetworkProviderActive: async (_, { id, active }, ctx) => {
        assertAdmin(ctx, 'change network providers');
        return updateProvider(ctx, id, { active });
      },
    },
  } satisfies Resolvers,
};
