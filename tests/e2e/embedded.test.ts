import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs the README's start command (bash scripts/start.sh) and waits for its ready banner. */
function startEmbedded(dataDir: string): Promise<Started> {
  const begun = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PSA_DATA_DIR: dataDir };
  delete env.JWT_SECRET;
  delete env.IDENTITY_SIGNING_SECRET;
  // As a person runs it: jest sets NODE_ENV=test, which changes Apollo Server's signal handling, and pnpm sets
  // NODE_PATH, through which the bundle once found packages a shell's start could not.
  delete env.NODE_ENV;
  delete env.NODE_PATH;
  const child = spawn('bash', ['scripts/start.sh'], {
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

/** Sends `signal` to the PID the start command left (the shell execs node, so it is node's own). */
function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code, killedBy) => resolve({ code, signal: killedBy }));
    child.kill(signal);
  });
}

async function portRefuses(url: string): Promise<boolean> {
  try {
    await fetch(url.replace('/graphql', '/health'));
    return false;
  } catch {
    return true;
  }
}

/** `pnpm --silent apikeys ...` on the embedded stack's database (no GATEWAY_DATABASE_URL). */
function apikeys(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PSA_DATA_DIR: dataDir };
  delete env.GATEWAY_DATABASE_URL;
  const result = spawnSync('pnpm', ['--silent', 'apikeys', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the embedded stack (one process, one PGlite, no database server)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'psa-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers the sample query on first start, stops on SIGINT and on SIGTERM to the PID its command leaves, and keeps its data', async () => {
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
    // Training's marketplace: verified trainers near Seattle, and Biscuit's session completed, reviewed, paid and
    // paid out (unless seeded in a Seattle day's last quarter hour, which has no room for a session starting at once).
    const trainers = await postGraphQL(
      first.url,
      {
        query: `{ trainers(search: { near: { latitude: 47.61, longitude: -122.33 }, radiusKm: 20 }) { trainer { displayName services { name } availability { dayOfWeek } } } }`,
      },
      { authorization: `Bearer ${first.token}` },
    );
    expect(trainers.errors).toBeUndefined();
    expect(trainers.data.trainers).toHaveLength(2);
    const bookings = await postGraphQL(
      first.url,
      { query: `{ me { pets { name trainingBookings { status review { rating } trainer { averageRating totalReviews } } } } }` },
      { authorization: `Bearer ${first.token}` },
    );
    expect(bookings.errors).toBeUndefined();
    const biscuit = bookings.data.me.pets.find((p: { name: string }) => p.name === 'Biscuit');
    if (first.output().includes("Biscuit's session not booked")) expect(first.output()).toMatch(/outside trainer .* weekly availability/);
    else expect(biscuit.trainingBookings).toEqual([{ status: 'COMPLETED', review: { rating: 5 }, trainer: { averageRating: 5, totalReviews: 1 } }]);

    // The README's token command, with the stack's own secret: a registrar may list what is due, an owner may not.
    const registrar = execFileSync('pnpm', ['--silent', 'token', 'demo-registrar', '--roles', 'registrar'], {
      cwd: ROOT,
      env: { ...process.env, PSA_DATA_DIR: dataDir, JWT_SECRET: '' },
    })
      .toString()
      .trim();
    const due = await postGraphQL(first.url, { query: '{ vaccinationsDue(before: "2027-03-01") { vaccineName } }' }, { authorization: `Bearer ${registrar}` });
    expect(due.errors).toBeUndefined();
    expect(due.data.vaccinationsDue).toHaveLength(5);
    const asOwner = await postGraphQL(
      first.url,
      { query: '{ vaccinationsDue(before: "2027-03-01") { vaccineName } }' },
      { authorization: `Bearer ${first.token}` },
    );
    expect(asOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The IDE a browser gets at the same address opens with the printed demo token in its headers.
    const ide = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(ide.headers.get('content-type')).toBe('text/html');
    expect(await ide.text()).toContain(`Bearer ${first.token}`);
    // PGlite is the running stack's alone: the key command says so instead of opening it.
    const whileRunning = apikeys(dataDir, 'clients', 'list');
    expect([whileRunning.code, whileRunning.stderr]).toEqual([1, expect.stringContaining(`the embedded stack is running (PID ${first.child.pid})`)]);
    expect(await stop(first.child, 'SIGINT')).toEqual({ code: 0, signal: null });
    expect(first.output().match(/stopped on SIGINT/g)).toHaveLength(1);
    expect(first.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM|Error/);
    expect(await portRefuses(first.url)).toBe(true);

    // Stopped, the stack's database takes a client, an operation and a key; the next start serves them.
    writeFileSync(join(dataDir, 'partner.graphql'), 'query Species { species { code } }');
    expect(apikeys(dataDir, 'clients', 'add', 'partner', '--divisions', 'core').code).toBe(0);
    const hash = /^([0-9a-f]{64}) {2}Species/m.exec(apikeys(dataDir, 'operations', 'add', 'partner', join(dataDir, 'partner.graphql')).stdout)?.[1];
    const key = apikeys(dataDir, 'keys', 'issue', 'partner').stdout.trim();
    expect(hash).toBeDefined();

    const second = await startEmbedded(dataDir);
    expect(second.output()).toContain('keeping the existing data (3 owners)');
    const again = await postGraphQL(second.url, { query: SAMPLE }, { authorization: `Bearer ${second.token}` });
    expect(again.data).toEqual(answer.data);
    const byKey = await postGraphQL(second.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { 'x-api-key': key });
    expect(byKey.status).toBe(200);
    expect(byKey.data.species.length).toBeGreaterThan(0);
    expect(await stop(second.child, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(second.output().match(/stopped on SIGTERM/g)).toHaveLength(1);
    expect(await portRefuses(second.url)).toBe(true);
    console.log(
      `embedded: first start answered the sample query after ${answered.toFixed(1)} s (seeding included); restart ready after ${second.seconds.toFixed(1)} s`,
    );
  }, 240_000);
});
