import { boolean, text, type PgSchema } from 'drizzle-orm/pg-core';
import {
  copyColumns,
  newestPerAggregate,
  ownerPersonalTopic,
  versionedUpsert,
  type Division,
  type OwnerPersonalEnvelope,
  type OwnerPersonalTopic,
  type Projection,
} from '@psa/events';

/**
 * A division's copy of owners' personal data (names, email, phone, address), one row per owner: filled while the
 * owner lets this division hold it (Owner.dataSharing), emptied (every field null, `shared` false) as soon as they
 * withdraw. The division's other copies never hold these fields: this table is the one place to read them from.
 */
export function ownerPersonalCopiesTable(schema: PgSchema) {
  return schema.table('owner_personal_copies', {
    ...copyColumns(),
    /** Whether the owner consents to this division holding their personal data, as of `version`. */
    shared: boolean('shared').notNull().default(false),
    email: text('email'),
    phone: text('phone'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    middleName: text('middle_name'),
    street1: text('street1'),
    street2: text('street2'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country'),
  });
}

export type OwnerPersonalCopiesTable = ReturnType<typeof ownerPersonalCopiesTable>;

const WITHHELD = {
  shared: false,
  email: null,
  phone: null,
  firstName: null,
  lastName: null,
  middleName: null,
  street1: null,
  street2: null,
  city: null,
  state: null,
  postalCode: null,
  country: null,
};

function personalRow(event: OwnerPersonalEnvelope) {
  const base = { id: event.aggregateId, version: event.version, deleted: false };
  if (event.type === 'owner.personal_data_withheld') return { ...base, ...WITHHELD };
  if (event.type === 'owner.personal_data_erased') return { ...base, ...WITHHELD, deleted: true };
  const { id: _id, ...fields } = event.payload;
  return { ...base, shared: true, ...fields };
}

/** Keeps `table` as the division's topic says: the owner's latest answer for this division, version for version. */
export function ownerPersonalProjection(division: Division, table: OwnerPersonalCopiesTable): Projection {
  const projection: Projection<OwnerPersonalTopic> = {
    topic: ownerPersonalTopic(division),
    apply: async (tx, events) => {
      await versionedUpsert(tx, table, newestPerAggregate(events).map(personalRow));
    },
  };
  return projection as Projection;
}
