/** SQL statements each subgraph sends for one federated query, as the owner's pet count grows: must stay flat. */
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { LocalTransport } from '@psa/events';
import { startTestStack } from '@psa/testing';
import { seedOwnerWithPets } from './fixtures';
import { log, saveSection } from './results';

const QUERY = `{ me { pets { name registry { registryNumber } licenses { licenseNumber } vaccinations { vaccineName }
  certifications { name } healthRecords { title } lostReports { status } } } }`;

export async function benchSql(): Promise<void> {
  const stack = await startTestStack([core, licensure], { workers: false, transport: new LocalTransport() });
  try {
    const rows: (string | number)[][] = [];
    const figures: { pets: number; core: number; licensure: number; ms: number }[] = [];
    for (const pets of [1, 10, 100, 1000]) {
      const clerkId = `sql-owner-${pets}`;
      await seedOwnerWithPets(stack, clerkId, pets);
      const token = await stack.token(clerkId);
      await stack.query(QUERY, {}, token); // warm the query plan cache
      for (const s of Object.values(stack.subgraphs)) s.statements.length = 0;
      const started = performance.now();
      const res = await stack.query(QUERY, {}, token);
      const ms = Math.round(performance.now() - started);
      if (res.errors || res.data.me.pets.length !== pets) throw new Error(`query for ${pets} pets failed: ${JSON.stringify(res.errors)}`);
      const figure = { pets, core: stack.subgraphs.core!.statements.length, licensure: stack.subgraphs.licensure!.statements.length, ms };
      figures.push(figure);
      rows.push([pets, figure.core, figure.licensure, ms]);
      log(`${pets} pets: core ${figure.core} statements, licensure ${figure.licensure}, ${ms} ms`);
    }
    saveSection('sql', {
      figures,
      table: {
        title: 'SQL statements per federated query (me → pets → six licensure fields)',
        columns: ['pets', 'core statements', 'licensure statements', 'one query, ms'],
        rows,
      },
    });
  } finally {
    await stack.close();
  }
}
