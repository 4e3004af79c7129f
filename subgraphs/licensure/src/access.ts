import { badInput, coreEntityField, forbidden, isUuid, notFound } from '@psa/subgraph-kit';
import { eq } from 'drizzle-orm';
import type { Db } from '@psa/db';
import type { LicensureContext, PetReference } from './context';
import { petRegistry, type PetRegistryRow } from './modules/registry/tables';
import { petCopies } from './modules/core-copies/tables';

/** Licensure staff: they keep the registry, licences and records for every pet. Admins may do everything. */
export const REGISTRAR_ROLE = 'registrar';

export function isStaff(ctx: LicensureContext): boolean {
  return ctx.viewer.isAdmin || ctx.viewer.hasRole(REGISTRAR_ROLE);
}

export function assertStaff(ctx: LicensureContext, action: string): void {
  ctx.viewer.requireSubject();
  if (!isStaff(ctx)) throw forbidden(`only registrars and admins may ${action}`);
}

/** Records hang off the registry entry: a pet must be registered before it gets licences or records. */
export async function registryEntryFor(db: Db, petId: string): Promise<PetRegistryRow> {
  const [entry] = await db.select().from(petRegistry).where(eq(petRegistry.petId, petId)).limit(1);
  if (!entry) throw notFound('PetRegistry for pet', `${petId} (register the pet first)`);
  return entry;
}

/**
 * Registry entries and licences are only for pets that exist in core and are alive, as licensure's copy of
 * core's pets knows them (kept current by events, never by a call to core).
 */
export async function assertLivePet(db: Db, field: string, petId: string): Promise<void> {
  const [copy] = isUuid(petId)
    ? await db.select({ deleted: petCopies.deleted, status: petCopies.status }).from(petCopies).where(eq(petCopies.id, petId)).limit(1)
    : [];
  if (!copy || copy.deleted) throw notFound('Pet', petId);
  if (copy.status === 'DECEASED') throw badInput(field, `pet ${petId} is DECEASED`);
}

/** Resolves `pet` on licensure's own types to a reference core completes. */
export const petOf = (row: { petId: string }) => ({ __typename: 'Pet', id: row.petId });

type PetRecordLoader = Exclude<keyof LicensureContext['loaders'], never>;

/**
 * The resolver of a field licensure adds to Pet: registrars see every pet's records, everyone else only with
 * core's grant for the pet (the kit's rule); then one batched load per request.
 */
export function petRecordsField<K extends PetRecordLoader>(loader: K) {
  return coreEntityField(
    'Pet',
    [REGISTRAR_ROLE],
    (pet: PetReference, ctx: LicensureContext) => ctx.loaders[loader].load(pet.id) as ReturnType<LicensureContext['loaders'][K]['load']>,
  );
}
