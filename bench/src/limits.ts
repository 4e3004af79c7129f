/**
 * What the checks the gateway runs before planning cost per request: the operation budget (GraphQL Armor's
 * rules) and the input check, on the operations clients really send and on the probes they refuse. CPU time of
 * this process only, over many repetitions, after a warm-up; no network, no database.
 */
import { readFileSync } from 'node:fs';
import { parse, validate, specifiedRules, type DocumentNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { checkOperationInput } from '@psa/api-surface';
import { exceededLimit, SIGNED_IN_BUDGET, SUPERGRAPH_PATH } from '@psa/gateway';
import { log, round, saveSection } from './results';

const OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'single pet(id)': { query: 'query($id: ID!) { pet(id: $id) { id name species weight status } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
  'cross (README sample)': {
    query:
      '{ me { firstName pets { name species registry { registryNumber } licenses { licenseNumber expiresDate paid } vaccinations { vaccineName nextDueDate } } } }',
  },
  'deep (benchmark)': {
    query:
      '{ me { households { household { name members { displayName } pets { name owner { id } registry { registryNumber } vaccinations { vaccineName pet { name household { name } } } licenses { licenseNumber pet { name } } } } } } }',
  },
  'registerPet with input': {
    query: 'mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }',
    variables: {
      i: {
        name: 'Rex',
        species: 'DOG',
        sex: 'MALE',
        birthDate: '2020-01-01',
        weight: 40,
        breed: ['Labrador'],
        color: ['yellow'],
        emergencyContacts: [{ name: 'Sam', phone: '555-0100' }],
      },
    },
  },
  'refused: fragment bomb, 20 levels': {
    query: `query { me { ...P0 } } ${Array.from({ length: 20 }, (_, i) => (i === 19 ? `fragment P${i} on Owner { firstName }` : `fragment P${i} on Owner { firstName x${i}: pets { owner { ...P${i + 1} } } y${i}: pets { owner { ...P${i + 1} } } }`)).join(' ')}`,
  },
};

/** Microseconds of CPU per call of `work`, the median of 5 rounds of `n` calls. */
function cpuMicros(work: () => void, n: number): number {
  for (let i = 0; i < n; i++) work();
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) work();
    const used = process.cpuUsage(started);
    rounds.push((used.user + used.system) / n);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

export async function benchLimits(): Promise<void> {
  const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
  const rows: (string | number)[][] = [];
  const figures: Record<string, { budgetMicros: number; inputMicros: number; validationMicros: number }> = {};
  for (const [name, { query, variables }] of Object.entries(OPERATIONS)) {
    const document: DocumentNode = parse(query);
    const validationMicros = cpuMicros(() => void validate(schema, document, specifiedRules), 2000);
    const budgetMicros = cpuMicros(() => void exceededLimit(schema, document, SIGNED_IN_BUDGET), 2000);
    const inputMicros = cpuMicros(() => {
      try {
        checkOperationInput(schema, document, variables);
      } catch {
        // refused input costs the same walk
      }
    }, 2000);
    figures[name] = { budgetMicros: round(budgetMicros, 1), inputMicros: round(inputMicros, 1), validationMicros: round(validationMicros, 1) };
    rows.push([name, round(budgetMicros, 1), round(inputMicros, 1), round(validationMicros, 1)]);
    log(`limits: ${name}: budget ${budgetMicros.toFixed(1)} µs, input ${inputMicros.toFixed(1)} µs (GraphQL validation ${validationMicros.toFixed(1)} µs)`);
  }
  saveSection('limits', {
    figures,
    table: {
      title: 'Checks before planning: CPU per request (µs, median of 5 rounds of 2,000 calls, one process)',
      columns: ['operation', 'budget (GraphQL Armor rules)', 'input check', 'for scale: GraphQL validation'],
      rows,
      notes: [
        'Both run before the query planner, on top of the validation Apollo Server runs anyway. The budget is judged once per operation text and budget (Apollo hands repeated requests the same parsed document), so these are the cost of its first sight; the input check runs on every request.',
      ],
    },
  });
}
