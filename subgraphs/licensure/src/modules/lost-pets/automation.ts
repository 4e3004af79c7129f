import { and, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { ownerCopies } from '../core-copies/tables';
import { petRegistry, type PetRegistryRow } from '../registry/tables';
import { publishRegistryState } from '../registry/publish';
import { lostPetReports, type LostPetReportRow } from './tables';

const OPEN: LostPetReportRow['status'][] = ['LOST', 'SIGHTING_REPORTED'];

/** What core's event says about a pet, as far as lost reports care. `pet` null: core deleted it. */
export interface PetState {
  petId: string;
  version: number;
  /** When core's status last changed (statusUpdatedAt), or when the pet was deleted. */
  at: Date;
  pet: {
    ownerId: string;
    status: PetRegistryRow['status'];
    species: string;
    breed: string[];
    color: string[];
    markings: string | null;
    microchipNumber: string | null;
  } | null;
}

/** Its registry entry is looked up (or made) once the whole batch is walked. */
type NewReport = Omit<typeof lostPetReports.$inferInsert, 'registryId'>;
type Closing = { status: 'FOUND' | 'CLOSED'; foundDate: Date | null };

/** An open report as the walk through one batch sees it: already stored, or about to be inserted. */
type OpenReport = { stored: string; follows: boolean } | { fresh: NewReport };

/**
 * The rule: a pet has exactly one open lost report while core says it is LOST, and no report that follows core's
 * status is open while core says anything else (FOUND, ACTIVE, TRANSFERRED: found; DECEASED or deleted: closed).
 *
 * `states` are the pet events this division has not applied yet, in version order per pet (see unseenEvents).
 * Each state is compared with the reports as they are and only the difference is written, so batching, replays
 * and compaction all end in the same reports. Walking every state, not just the newest, keeps the dates a batch
 * holds: LOST then FOUND then ACTIVE in one batch gives a report found at FOUND's time. After compaction only the
 * newest state is left: a report still open is then closed with the time of core's last status change.
 */
export async function followCoreStatus(tx: Db, states: PetState[]): Promise<void> {
  if (states.length === 0) return;
  const ids = [...new Set(states.map((s) => s.petId))];
  const open = new Map<string, OpenReport[]>(ids.map((id) => [id, []]));
  const stored = await tx
    .select({ id: lostPetReports.id, petId: lostPetReports.petId, follows: lostPetReports.followsCoreStatus })
    .from(lostPetReports)
    .where(and(inArray(lostPetReports.petId, ids), inArray(lostPetReports.status, OPEN)))
    .orderBy(lostPetReports.createdAt);
  for (const report of stored) open.get(report.petId)!.push({ stored: report.id, follows: report.follows });
  const owners = new Map(
    (
      await tx
        .select({ id: ownerCopies.id, clerkId: ownerCopies.clerkId })
        .from(ownerCopies)
        .where(inArray(ownerCopies.id, [...new Set(states.flatMap((s) => (s.pet ? [s.pet.ownerId] : [])))]))
    ).map((o) => [o.id, o.clerkId]),
  );

  const inserts: NewReport[] = [];
  const adopted = new Set<string>();
  const closing = new Map<string, Closing>();
  /** The registry entry of each pet the rule touched: core's latest status (and what a new entry needs). */
  const registry = new Map<string, { status: PetRegistryRow['status']; microchipNumber: string | null }>();

  for (const state of states) {
    const reports = open.get(state.petId)!;
    const { pet } = state;
    if (pet?.status === 'LOST') {
      let changed = false;
      if (reports.length === 0) {
        const report = newReport(state.petId, pet, state.at, owners.get(pet.ownerId));
        inserts.push(report);
        reports.push({ fresh: report });
        changed = true;
      }
      // A registrar's report open when core says LOST is the pet's report from now on: it follows core.
      for (const report of reports) {
        if ('stored' in report && !report.follows) {
          report.follows = true;
          adopted.add(report.stored);
          changed = true;
        }
      }
      if (changed) registry.set(state.petId, { status: 'LOST', microchipNumber: pet.microchipNumber });
      continue;
    }
    const outcome: Closing = !pet || pet.status === 'DECEASED' ? { status: 'CLOSED', foundDate: null } : { status: 'FOUND', foundDate: state.at };
    const stillOpen = reports.filter((report) => {
      if ('fresh' in report)
        Object.assign(report.fresh, { status: outcome.status, foundDate: outcome.foundDate, foundBy: outcome.status === 'FOUND' ? 'owner' : null });
      else if (report.follows) closing.set(report.stored, outcome);
      else return true;
      return false;
    });
    if (stillOpen.length !== reports.length && pet) registry.set(state.petId, { status: pet.status, microchipNumber: pet.microchipNumber });
    open.set(state.petId, stillOpen);
  }

  // A report hangs off a registry entry: a pet core marked LOST is registered on the way if it was not yet.
  if (registry.size > 0) {
    const upserted = await tx
      .insert(petRegistry)
      .values([...registry].map(([petId, r]) => ({ petId, microchipNumber: r.microchipNumber, status: r.status })))
      .onConflictDoUpdate({ target: petRegistry.petId, set: { status: sql`excluded.status`, statusUpdatedAt: new Date() } })
      // xmax is 0 for a row this statement inserted: only new entries have a number core does not know yet.
      .returning({ petId: petRegistry.petId, inserted: sql<boolean>`(xmax = 0)` });
    await publishRegistryState(
      tx,
      upserted.filter((r) => r.inserted).map((r) => r.petId),
    );
  }
  if (inserts.length > 0) {
    const entries = await tx
      .select({ id: petRegistry.id, petId: petRegistry.petId })
      .from(petRegistry)
      .where(
        inArray(
          petRegistry.petId,
          inserts.map((r) => r.petId),
        ),
      );
    const entryOf = new Map(entries.map((e) => [e.petId, e.id]));
    await tx.insert(lostPetReports).values(inserts.map((r) => ({ ...r, registryId: entryOf.get(r.petId)! })));
  }
  if (adopted.size > 0) {
    await tx
      .update(lostPetReports)
      .set({ followsCoreStatus: true })
      .where(inArray(lostPetReports.id, [...adopted]));
  }
  if (closing.size > 0) {
    const rows = [...closing].map(([id, c]) => ({ id, status: c.status, found_date: c.foundDate?.toISOString() ?? null }));
    await tx.execute(sql`
      update licensure.lost_pet_reports r
      set status = c.status::licensure.lost_found_status, found_date = c.found_date,
          found_by = case when c.status = 'FOUND' then coalesce(r.found_by, 'owner') else r.found_by end,
          status_updated_at = now(), updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(id uuid, status text, found_date timestamptz)
      where r.id = c.id`);
  }
}

function newReport(petId: string, pet: NonNullable<PetState['pet']>, lostAt: Date, clerkId: string | null | undefined): NewReport {
  return {
    petId,
    reportedBy: clerkId ?? `owner:${pet.ownerId}`,
    lostDate: lostAt,
    lastSeenLocation: { description: 'not given: the pet was marked LOST by its owner' },
    physicalDescription: [pet.species, ...pet.breed, ...pet.color, pet.markings].filter(Boolean).join(', ') || 'not given',
    followsCoreStatus: true,
  };
}
