import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', '..', 'infra', 'kafka', 'kafka.sh');

/**
 * A broker of the test's own (infra/kafka/kafka.sh on its own ports and data folder), for tests that stop and
 * restart it while the system runs.
 */
export class TestBroker {
  readonly brokers: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(port: number) {
    this.brokers = `127.0.0.1:${port}`;
    this.env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: `/tmp/psa-kafka-test-${port}` };
  }

  async start(): Promise<void> {
    await run('bash', [SCRIPT, 'start'], { env: this.env, timeout: 180_000 });
  }

  /** With keepData the next start has every topic, message and committed offset back. */
  async stop(keepData: boolean): Promise<void> {
    await run('bash', [SCRIPT, 'stop', ...(keepData ? ['--keep-data'] : [])], { env: this.env, timeout: 60_000 });
  }
}
