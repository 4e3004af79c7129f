import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { badInput } from '@psa/subgraph-kit';
import { lostPetReports, lostPetSightings, type LostPetSightingRow } from './tables';

/** One sighting per person per report in this window: enough for a finder, too little to flood an owner. */
export const SIGHTING_INTERVAL_MS = 10 * 60_000;

export interface SightingReceipt {
  sightingId: string;
  receivedAt: Date;
}

/**
 * Records a sighting and counts it on the report, at most one per reporter and report per interval. The check
 * and the insert run under a lock on (report, reporter), so concurrent calls cannot both pass it.
 */
export async function recordSighting(db: Db, sighting: Omit<typeof lostPetSightings.$inferInsert, 'id' | 'createdAt'>): Promise<SightingReceipt> {
  return db.transaction(async (txAny) => {
    const tx = txAny as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sighting:${sighting.reportId}:${sighting.reportedBy}`}))`);
    const [recent] = await tx
      .select({ createdAt: lostPetSightings.createdAt })
      .from(lostPetSightings)
      .where(
        and(
          eq(lostPetSightings.reportId, sighting.reportId),
          eq(lostPetSightings.reportedBy, sighting.reportedBy),
          gt(lostPetSightings.createdAt, new Date(Date.now() - SIGHTING_INTERVAL_MS)),
        ),
      )
      .orderBy(desc(lostPetSightings.createdAt))
      .limit(1);
    if (recent) {
      const wait = Math.ceil((recent.createdAt.getTime() + SIGHTING_INTERVAL_MS - Date.now()) / 60_000);
      throw badInput(
        'input.reportId',
        `you reported a sighting on this report less than ${SIGHTING_INTERVAL_MS / 60_000} minutes ago; try again in ${wait} minute(s)`,
      );
    }
    const [row] = await tx.insert(lostPetSightings).values(sighting).returning();
    await tx
      .update(lostPetReports)
      .set({ sightingsReported: sql`${lostPetReports.sightingsReported} + 1`, status: 'SIGHTING_REPORTED', statusUpdatedAt: new Date() })
      .where(eq(lostPetReports.id, sighting.reportId));
    return { sightingId: row!.id, receivedAt: row!.createdAt };
  });
}

export type { LostPetSightingRow };
