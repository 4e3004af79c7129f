import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postGraphQL } from '@psa/testing';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = `{ me { firstName pets { name registry { registryNumber } licenses { licenseNumber } vaccinations { vaccineName nextDueDate } } } }`;

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
  seconds: number;
}

/** Runs the README's start command (tsx scripts/start-embedded.ts) and waits for its ready banner. */
function startEmbedded(dataDir: string): Promise<Started> {
  const begun = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PSA_DATA_DIR: dataDir };
  delete env.JWT_SECRET;
  delete env.IDENTITY_SIGNING_SECRET;
  // As a person runs it: jest sets NODE_ENV=test, which changes Apollo Server's signal handling.
  delete env.NODE_ENV;
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start-embedded.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded start did not become ready in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /is ready: (http:\/\/\S+)/.exec(output)?.[1];
      const token = /DEMO_TOKEN=(\S+)/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url, token, output: () => output, seconds: (performance.now() - begun) / 1000 });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded start exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('the embedded stack (one process, one PGlite, no database server)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'psa-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers the sample query on first start, stops cleanly on Ctrl-C, and keeps its data on the next start', async () => {
    const first = await startEmbedded(dataDir);
    const askedAt = performance.now();
    const answer = await postGraphQL(first.url, { query: SAMPLE }, { authorization: `Bearer ${first.token}` });
    const answered = first.seconds + (performance.now() - askedAt) / 1000;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.me.firstName).toBe('Dana');
    expect(answer.data.me.pets.map((p: { name: string }) => p.name)).toEqual(['Biscuit', 'Miso']);
    for (const pet of answer.data.me.pets) {
      expect(pet.registry.registryNumber).toMatch(/^PSA-\d{8}$/);
      expect(pet.licenses).toHaveLength(1);
      expect(pet.vaccinations).toEqual([{ vaccineName: 'Rabies', nextDueDate: '2027-02-01' }]);
    }
    expect(first.output()).toContain('seeding demo data');
    // The IDE a browser gets at the same address opens with the printed demo token in its headers.
    const ide = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(ide.headers.get('content-type')).toBe('text/html');
    expect(await ide.text()).toContain(`Bearer ${first.token}`);
    expect(await stop(first.child)).toBe(0);

    const second = await startEmbedded(dataDir);
    expect(second.output()).toContain('keeping the existing data (3 owners)');
    const again = await postGraphQL(second.url, { query: SAMPLE }, { authorization: `Bearer ${second.token}` });
    expect(again.data).toEqual(answer.data);
    expect(await stop(second.child)).toBe(0);
    console.log(`embedded: first start answered the sample query after ${answered.toFixed(1)} s (seeding included); restart ready after ${second.seconds.toFixed(1)} s`);
  }, 240_000);
});
