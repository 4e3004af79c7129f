import { createOutbox } from '@psa/events';
import { coreSchema } from './db-schema';

/** Core's outbox: every owner, pet and household change writes its event here, in the change's transaction. */
export const coreOutbox = createOutbox(coreSchema, 'core');
/** Exported for drizzle-kit, which finds tables by their exports. */
export const outbox = coreOutbox.table;
export const change = coreOutbox.change;
