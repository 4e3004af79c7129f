import { createOutbox } from '@psa/events';
import { coreSchema } from './db-schema';

/** Core's outbox: every owner, pet and household change writes its event here, in the change's transaction. */
export const coreOutbox = createOutbox(coreSchema, 'core');
export const outbox = coreOutbox.table;
export const OUTBOX_NAME = coreOutbox.name;
export const change = coreOutbox.change;
