import { inArray } from 'drizzle-orm';
import type { OwnerDataTable, RetentionRule } from '@psa/subgraph-kit';
import { appointmentVaccinations } from './tables';

/**
 * An owner's pets' vaccines are in their export. Erasure keeps them: they are health records, which the law keeps
 * (10 years), and name neither the owner nor anything that reaches them.
 */
export const vaccinationsGivenOwnerData: OwnerDataTable = {
  table: appointmentVaccinations,
  rows: (o) => inArray(appointmentVaccinations.petId, o.petIds),
  erase: { keep: 'health records' },
};

/** Health records: kept 10 years from the day the vaccine was given. */
export const vaccinationsGivenRetention: RetentionRule = {
  kind: 'health records',
  table: appointmentVaccinations,
  from: appointmentVaccinations.administeredDate,
};
