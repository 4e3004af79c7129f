import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { owners } from './modules/owners/tables';
import { pets } from './modules/pets/tables';
import { householdMembers, households } from './modules/households/tables';
import { breeds, species } from './modules/species/tables';

/**
 * Per-request loaders: every lookup by key in core goes through one of these, one SQL statement per batch. An owner
 * who asked for erasure, and their pets, are not found: for every viewer they are gone.
 */
export function createCoreLoaders(db: Db) {
  return {
    ownerById: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(owners)
          .where(and(inArray(owners.id, ids), isNull(owners.erasureRequestedAt))),
      (o) => o.id,
      isUuid,
    ),
    ownerByClerkId: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(owners)
          .where(and(inArray(owners.clerkId, ids), isNull(owners.erasureRequestedAt))),
      (o) => o.clerkId,
    ),
    petById: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(pets)
          .where(and(inArray(pets.id, ids), isNull(pets.erasureRequestedAt))),
      (p) => p.id,
      isUuid,
    ),
    petsByOwnerId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(pets)
          .where(and(inArray(pets.ownerId, ids), isNull(pets.erasureRequestedAt)))
          .orderBy(pets.createdAt, pets.id),
      (p) => p.ownerId,
      isUuid,
    ),
    petsByHouseholdId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(pets)
          .where(and(inArray(pets.householdId, ids), isNull(pets.erasureRequestedAt)))
          .orderBy(pets.createdAt, pets.id),
      (p) => p.householdId ?? '',
      isUuid,
    ),
    householdById: rowLoader(
      (ids: string[]) => db.select().from(households).where(inArray(households.id, ids)),
      (h) => h.id,
      isUuid,
    ),
    membersByHouseholdId: groupLoader(
      (ids: string[]) => db.select().from(householdMembers).where(inArray(householdMembers.householdId, ids)).orderBy(householdMembers.createdAt),
      (m) => m.householdId,
      isUuid,
    ),
    membershipsByOwnerId: groupLoader(
      (ids: string[]) => db.select().from(householdMembers).where(inArray(householdMembers.ownerId, ids)).orderBy(householdMembers.createdAt),
      (m) => m.ownerId,
      isUuid,
    ),
    speciesById: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(species)
          .where(inArray(species.id, ids.map(Number))),
      (s) => String(s.id),
    ),
    breedsBySpeciesId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(breeds)
          .where(inArray(breeds.speciesId, ids.map(Number)))
          .orderBy(breeds.name),
      (b) => String(b.speciesId),
    ),
  };
}

export type CoreLoaders = ReturnType<typeof createCoreLoaders>;
