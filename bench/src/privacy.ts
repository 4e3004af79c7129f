/**
 * Privacy at scale: an owner with PETS pets, each registered in licensure with a licence and a vaccination. Times
 * what the owner (or an admin) waits for, through the gateway: from `requestDataExport` to the export COMPLETE
 * with its document, and from `pnpm erasure advance` (the README's command, after the request) to every
 * database holding nothing of the owner. Core and licensure run with real PostgreSQL and Kafka. Medians of ROUNDS
 * owners.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { log, round, saveSection } from './results';

const ROOT = join(__dirname, '..', '..');
const PETS = Number(process.env.BENCH_PRIVACY_PETS ?? 1000);
const ROUNDS = Number(process.env.BENCH_PRIVACY_ROUNDS ?? 3);

async function must(stack: TestStack, query: string, variables: Record<string, unknown>, token: string) {
  const res = await stack.query(query, variables, token);
  if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
  return res.data;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An owner with PETS pets through the API; their licensure records straight into its database (not what is timed). */
async function seedOwner(stack: TestStack, name: string): Promise<{ id: string; clerkId: string; token: string; pets: string[] }> {
  const token = await stack.token(name);
  const id = (
    await must(
      stack,
      `mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }`,
      { i: { email: `${name}@example.com`, firstName: 'Bench', lastName: name, dataSharing: { licensure: true } } },
      token,
    )
  ).createOwner.id as string;
  const pets: string[] = [];
  for (let start = 0; start < PETS; start += 25) {
    const fields = Array.from(
      { length: Math.min(25, PETS - start) },
      (_, i) => `p${i}: registerPet(input: { name: "Pet ${start + i}", species: DOG, sex: FEMALE, birthDate: "2021-05-05", weight: 20 }) { id }`,
    );
    const data = await must(stack, `mutation { ${fields.join('\n')} }`, {}, token);
    pets.push(...Object.values(data as Record<string, { id: string }>).map((p) => p.id));
  }
  await stack.subgraphs.licensure!.sql.query(
    `with registry as (
       insert into licensure.pet_registry (pet_id, registry_number) select p, 'B-' || p from unnest($1::uuid[]) p returning id, pet_id)
     , licences as (
       insert into licensure.municipal_licenses (pet_id, registry_id, license_number, jurisdiction_type, jurisdiction_name, jurisdiction_code, issued_date, expires_date, fee_cents)
       select pet_id, id, 'L-' || pet_id, 'CITY', 'Seattle', 'US-WA-SEA', '2026-01-01', '2027-01-01', 3500 from registry returning id)
     insert into licensure.vaccinations (pet_id, registry_id, vaccine_name, vaccine_type, administered_date, administered_by)
     select pet_id, id, 'Rabies', 'CORE', '2026-02-01', 'Dr. Vet' from registry`,
    [pets],
  );
  await stack.settle(300_000);
  return { id, clerkId: name, token, pets };
}

async function count(stack: TestStack, subgraph: string, query: string, params: unknown[]): Promise<number> {
  const { rows } = await stack.subgraphs[subgraph]!.sql.query<{ n: number }>(`select count(*)::int as n from ${query}`, params);
  return rows[0]!.n;
}

export async function benchPrivacy(): Promise<void> {
  process.env.ERASURE_CHECK_MS = '1000';
  const stack = await startTestStack([core, licensure]);
  const exports: { seconds: number; rows: number; bytes: number }[] = [];
  const erasures: { seconds: number; command: number }[] = [];
  try {
    for (let r = 1; r <= ROUNDS; r++) {
      const owner = await seedOwner(stack, `privacy-bench-${r}-${Date.now()}`);
      log(`round ${r}/${ROUNDS}: owner with ${owner.pets.length} pets, each with a registry entry, a licence and a vaccination`);

      const started = performance.now();
      const exportId = (await must(stack, `mutation { requestDataExport { id } }`, {}, owner.token)).requestDataExport.id as string;
      let document: unknown = null;
      await until('export complete', async () => {
        const { dataExport } = await must(stack, `query($id: ID!) { dataExport(id: $id) { status document } }`, { id: exportId }, owner.token);
        document = dataExport.document;
        return dataExport.status === 'COMPLETE';
      });
      const seconds = (performance.now() - started) / 1000;
      const divisions = (document as { divisions: Record<string, Record<string, unknown[]>> }).divisions;
      const rows = Object.values(divisions).reduce((n, tables) => n + Object.values(tables).reduce((m, t) => m + t.length, 0), 0);
      const bytes = JSON.stringify(document).length;
      exports.push({ seconds, rows, bytes });
      log(`round ${r}/${ROUNDS}: export complete in ${seconds.toFixed(2)} s (${rows} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB of JSON)`);

      await must(stack, `mutation { requestErasure { ownerId } }`, {}, owner.token);
      const erasing = performance.now();
      const command = spawnSync('pnpm', ['--silent', 'erasure', 'advance', '--days', '91'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: stack.subgraphs.core!.testDatabase.url },
        encoding: 'utf8',
      });
      if (command.status !== 0) throw new Error(`pnpm erasure advance failed:\n${command.stdout}${command.stderr}`);
      const commandSeconds = (performance.now() - erasing) / 1000;
      await until('purged everywhere', async () => {
        const left =
          (await count(stack, 'core', 'core.pets where owner_id = $1', [owner.id])) +
          (await count(stack, 'core', 'core.owners where id = $1', [owner.id])) +
          (await count(stack, 'licensure', 'licensure.pet_copies where owner_id = $1 and not deleted', [owner.id])) +
          (await count(stack, 'licensure', 'licensure.owner_personal_copies where id = $1 and shared', [owner.id])) +
          (await count(stack, 'licensure', 'licensure.audit_log where actor = $1', [owner.clerkId]));
        return left === 0;
      });
      const erased = (performance.now() - erasing) / 1000;
      erasures.push({ seconds: erased, command: commandSeconds });
      log(
        `round ${r}/${ROUNDS}: purged from every database ${erased.toFixed(2)} s after \`pnpm erasure advance\` started (the command itself: ${commandSeconds.toFixed(2)} s)`,
      );
    }
  } finally {
    delete process.env.ERASURE_CHECK_MS;
    await stack.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const figures = {
    pets: PETS,
    rounds: ROUNDS,
    exportSeconds: round(median(exports.map((e) => e.seconds)), 2),
    exportRows: median(exports.map((e) => e.rows)),
    exportMiB: round(median(exports.map((e) => e.bytes)) / 2 ** 20, 1),
    erasureSeconds: round(median(erasures.map((e) => e.seconds)), 2),
    erasureCommandSeconds: round(median(erasures.map((e) => e.command)), 2),
  };
  saveSection('privacy', {
    figures: { ...figures, exports, erasures },
    table: {
      title: `Privacy: an owner with ${PETS} pets and their records (core and licensure, PostgreSQL and Kafka; median of ${ROUNDS})`,
      columns: ['operation', 'seconds', 'what'],
      rows: [
        ['export', figures.exportSeconds, `requestDataExport to COMPLETE with the document: ${figures.exportRows} rows, ${figures.exportMiB} MiB of JSON`],
        [
          'erasure',
          figures.erasureSeconds,
          `\`pnpm erasure advance --days 91\` started to nothing left in either database (${figures.erasureCommandSeconds} s of it the command)`,
        ],
      ],
    },
  });
}
