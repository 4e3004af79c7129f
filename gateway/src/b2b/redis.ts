import Redis from 'ioredis';

/** Where gateway replicas share state, and the prefix of every key they write there. */
export interface RedisSettings {
  url: string;
  /** Keeps this deployment's keys apart from anything else on the same Redis (default "psa:"). */
  keyPrefix?: string;
}

export const DEFAULT_REDIS_KEY_PREFIX = 'psa:';
/** A command that has not answered after this long has failed; its caller then fails open. */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2_000;

/** The URL as logs may show it: without a password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * One ioredis connection shared by the gateway's rate limits and persisted queries. Nothing waits for Redis: with
 * the offline queue off, a command sent while it is unreachable fails at once, and a command to a Redis that hangs
 * fails after COMMAND_TIMEOUT_MS; meanwhile ioredis reconnects in the background. An outage is logged once when
 * it starts and once when it ends, however many requests meet it.
 */
export class SharedRedis {
  readonly client: Redis;
  private readonly shownUrl: string;
  private down = false;

  constructor(
    settings: RedisSettings,
    private readonly log: (line: string) => void = console.log,
  ) {
    this.shownUrl = redactUrl(settings.url);
    this.client = new Redis(settings.url, {
      keyPrefix: settings.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.client.on('error', (error: Error) => this.failed(error));
    this.client.on('ready', () => {
      if (!this.down) return;
      this.down = false;
      this.log(`gateway: Redis at ${this.shownUrl} answers again; rate limits and shared persisted queries are back`);
    });
  }

  /** True once connected; false if the first attempt fails or takes longer than the connect timeout. */
  ready(): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
        resolve(answer);
      };
      const onReady = () => done(true);
      const onError = () => done(false);
      const timer = setTimeout(() => done(false), CONNECT_TIMEOUT_MS);
      this.client.once('ready', onReady);
      this.client.once('error', onError);
    });
  }

  /** Called by every user of the connection whose command failed: logs the first failure of an outage. */
  failed(error: Error): void {
    if (this.down) return;
    this.down = true;
    this.log(
      `gateway: Redis at ${this.shownUrl} is not answering (${error.message}): API-key rate limits are not enforced ` +
        '(requests are let through) and automatic persisted queries are not found until it answers again',
    );
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}
