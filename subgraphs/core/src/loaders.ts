import { and, isNull, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { owners } from './modules/owners/tables';
import { pets } from './modules/pets/tables';
import { householdMembers, households } from './modules/households/tables';
import { breeds, species } from './modules/species/tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  ownerById: db
    .select()
    .from(owners)
    .where(and(isAnyKey(owners.id), isNull(owners.erasureRequestedAt)))
    .prepare('core_owner_by_id'),
  ownerByClerkId: db
    .select()
    .from(owners)
    .where(and(isAnyKey(owners.clerkId), isNull(owners.erasureRequestedAt)))
    .prepare('core_owner_by_clerk_id'),
  // The viewer's access in one statement: their profile and the households they belong to.
  viewerByClerkId: db
    .select({
      owner: owners,
      // Written out: drizzle leaves columns unqualified in a one-table select, which inside the subquery would name its own.
      householdIds: sql<string[]>`array(select m.household_id::text from ${householdMembers} m where m.owner_id = "owners"."id")`,
    })
    .from(owners)
    .where(and(isAnyKey(owners.clerkId), isNull(owners.erasureRequestedAt)))
    .prepare('core_viewer_by_clerk_id'),
  petById: db
    .select()
    .from(pets)
    .where(and(isAnyKey(pets.id), isNull(pets.erasureRequestedAt)))
    .prepare('core_pet_by_id'),
  petsByOwnerId: db
    .select()
    .from(pets)
    .where(and(isAnyKey(pets.ownerId), isNull(pets.erasureRequestedAt)))
    .orderBy(pets.createdAt, pets.id)
    .prepare('core_pets_by_owner_id'),
  petsByHouseholdId: db
    .select()
    .from(pets)
    .where(and(isAnyKey(pets.householdId), isNull(pets.erasureRequestedAt)))
    .orderBy(pets.createdAt, pets.id)
    .prepare('core_pets_by_household_id'),
  householdById: rowsByKey(db, households, { key: households.id, name: 'core_household_by_id' }),
  membersByHouseholdId: rowsByKey(db, householdMembers, {
    key: householdMembers.householdId,
    order: [householdMembers.createdAt],
    name: 'core_members_by_household_id',
  }),
  membershipsByOwnerId: rowsByKey(db, householdMembers, {
    key: householdMembers.ownerId,
    order: [householdMembers.createdAt],
    name: 'core_memberships_by_owner_id',
  }),
  speciesById: rowsByKey(db, species, { key: species.id, name: 'core_species_by_id' }),
  breedsBySpeciesId: rowsByKey(db, breeds, { key: breeds.speciesId, order: [breeds.name], name: 'core_breeds_by_species_id' }),
}));

/**
 * Per-request loaders: every lookup by key in core goes through one of these, one SQL statement per batch. An owner
 * who asked for erasure, and their pets, are not found: for every viewer they are gone.
 */
export function createCoreLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    ownerById: rowLoader(statements.ownerById, byId, isUuid),
    ownerByClerkId: rowLoader(statements.ownerByClerkId, (o) => o.clerkId),
    viewerByClerkId: rowLoader(statements.viewerByClerkId, (v) => v.owner.clerkId),
    petById: rowLoader(statements.petById, byId, isUuid),
    petsByOwnerId: groupLoader(statements.petsByOwnerId, (p) => p.ownerId, isUuid),
    petsByHouseholdId: groupLoader(statements.petsByHouseholdId, (p) => p.householdId ?? '', isUuid),
    householdById: rowLoader(statements.householdById, byId, isUuid),
    membersByHouseholdId: groupLoader(statements.membersByHouseholdId, (m) => m.householdId, isUuid),
    membershipsByOwnerId: groupLoader(statements.membershipsByOwnerId, (m) => m.ownerId, isUuid),
    speciesById: rowLoader(
      (keys: string[]) => statements.speciesById.execute({ keys: keys.map(Number) }),
      (s) => String(s.id),
    ),
    breedsBySpeciesId: groupLoader(
      (keys: string[]) => statements.breedsBySpeciesId.execute({ keys: keys.map(Number) }),
      (b) => String(b.speciesId),
    ),
  };
}

export type CoreLoaders = ReturnType<typeof createCoreLoaders>;
