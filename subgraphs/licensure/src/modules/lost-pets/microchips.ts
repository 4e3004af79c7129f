import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { petCopies } from '../core-copies/tables';
import { petRegistry } from '../registry/tables';
import { lostPetReports } from './tables';

const OPEN = ['LOST', 'SIGHTING_REPORTED'] as const;

/**
 * A chip is registered when a live pet carries it in core (licensure's copy) or in the registry. Only the
 * open report's id leaves this function: a finder reaches the owner through a sighting, not an address.
 */
export async function lookUpMicrochip(db: Db, chip: string): Promise<{ registered: boolean; openLostReportId: string | null }> {
  const owners = await db
    .select({ petId: petCopies.id })
    .from(petCopies)
    .where(and(eq(petCopies.microchipNumber, chip), eq(petCopies.deleted, false)))
    .union(db.select({ petId: petRegistry.petId }).from(petRegistry).where(eq(petRegistry.microchipNumber, chip)));
  if (owners.length === 0) return { registered: false, openLostReportId: null };
  const [open] = await db
    .select({ id: lostPetReports.id })
    .from(lostPetReports)
    .where(
      and(
        inArray(
          lostPetReports.petId,
          owners.map((o) => o.petId),
        ),
        inArray(lostPetReports.status, [...OPEN]),
      ),
    )
    .limit(1);
  return { registered: true, openLostReportId: open?.id ?? null };
}
