import { Client } from 'pg';

/**
 * The PostgreSQL server processes doing this benchmark's work: the backends connected to its databases, found in
 * pg_stat_activity. Other people's databases on the same server (test suites run beside the benchmark) have
 * backends of their own, which are left out; so are the server's shared background processes (WAL writer,
 * checkpointer), which serve every database at once and cannot be split between them.
 */
export class PostgresBackends {
  private constructor(
    private readonly client: Client,
    private readonly databases: string[],
  ) {}

  static async connect(adminUrl: string, databases: string[]): Promise<PostgresBackends> {
    const client = new Client({ connectionString: adminUrl, application_name: 'psa-bench-observer' });
    await client.connect();
    return new PostgresBackends(client, databases);
  }

  async pids(): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()`, [
      this.databases,
    ]);
    return rows.map((r) => r.pid);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
