import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', '..', 'infra', 'kafka', 'kafka.sh');

/**
 * The port for a suite's own broker: TEST_KAFKA_PORT (the suite-wide broker's port, default 19192) plus an offset
 * per suite, so that several test runs on one machine, each with its own TEST_KAFKA_PORT, never share one.
 * The controller listens on the port after it.
 */
export function testBrokerPort(offset: number): number {
  const base = Number(process.env.TEST_KAFKA_PORT ?? 19192);
  if (!Number.isInteger(base) || base < 1024 || base + offset > 65534)
    throw new Error(`TEST_KAFKA_PORT must be a port number, got "${process.env.TEST_KAFKA_PORT}"`);
  return base + offset;
}

/**
 * A broker of the test's own (infra/kafka/kafka.sh on its own ports and data folder), for tests that stop, crash
 * and restart it while the system runs.
 */
export class TestBroker {
  readonly brokers: string;
  readonly port: number;
  private readonly env: NodeJS.ProcessEnv;

  constructor(port: number) {
    this.port = port;
    this.brokers = `127.0.0.1:${port}`;
    this.env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: `/tmp/psa-kafka-test-${port}` };
  }

  async start(): Promise<void> {
    await run('bash', [SCRIPT, 'start'], { env: this.env, timeout: 180_000 });
  }

  /** A crash: SIGKILL of the broker's java process (kafka.sh kill), data kept. Returns the pid killed. */
  async kill(): Promise<number> {
    const { stdout } = await run('bash', [SCRIPT, 'kill'], { env: this.env, timeout: 30_000 });
    return Number(stdout.trim());
  }

  /** With keepData the next start has every topic, message and committed offset back. */
  async stop(keepData: boolean): Promise<void> {
    await run('bash', [SCRIPT, 'stop', ...(keepData ? ['--keep-data'] : [])], { env: this.env, timeout: 60_000 });
  }
}
