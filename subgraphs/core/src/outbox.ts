import { notifyOutbox, outboxTable, withOutbox, type Emit } from '@psa/events';
import type { Db } from '@psa/db';
import { coreSchema } from './db-schema';

/** Core's outbox: every owner, pet and household change writes its event here, in the change's transaction. */
export const outbox = outboxTable(coreSchema);

export const OUTBOX_NAME = 'core';

/** Runs a change and its events in one transaction, then wakes the relay so the events go out at once. */
export async function change<T>(db: Db, work: (tx: Db, emit: Emit) => Promise<T>): Promise<T> {
  const result = await withOutbox(db, outbox, work);
  notifyOutbox(OUTBOX_NAME);
  return result;
}
