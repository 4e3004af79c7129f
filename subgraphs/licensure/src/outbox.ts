import { createOutbox } from '@psa/events';
import { licensureSchema } from './db-schema';

/** Licensure's outbox: what other subgraphs keep of licensure's (registry numbers, current licences). */
export const licensureOutbox = createOutbox(licensureSchema, 'licensure');
/** Exported for drizzle-kit, which finds tables by their exports. */
export const outbox = licensureOutbox.table;
