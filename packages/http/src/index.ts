import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { assetStep, type StaticAsset } from './assets';
import { corsStep, type CorsPolicy } from './cors';
import { sendJson } from './respond';

export { GRAPHQL_CLIENT_HEADERS, type CorsPolicy } from './cors';
export type { StaticAsset } from './assets';

export interface ServeOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /**
   * Builds the per-request context from the request and its body as received (empty for GET); throw a
   * GraphQLError with extensions.http.status to refuse the request.
   */
  context: (request: IncomingMessage, body: string) => Promise<TContext>;
  /**
   * Answers GET /ready: the reasons the service cannot serve (a dependency down, a worker not running), empty
   * when ready, optionally with details to show beside them. A throw counts as not ready, its message the reason.
   */
  notReady?: () => Promise<string[] | ReadinessReport>;
  /** Answers GET /status: operational figures such as a projector's lag. No business data. */
  status?: () => Promise<Record<string, unknown>>;
  maxBodyBytes?: number;
  /** HTTP methods GraphQL is served on (default GET and POST); others get 405. */
  graphqlMethods?: ('GET' | 'POST')[];
  /** Lets pages from these origins call the server from a browser. Without it, no CORS headers at all. */
  cors?: CorsPolicy;
  /** Files served on GET by path, e.g. the scripts of a browser IDE that Apollo's landing page loads. */
  assets?: Record<string, StaticAsset>;
}

/** What GET /ready shows: why not ready (empty when ready) and any details, such as each subgraph's state. */
export interface ReadinessReport {
  reasons: string[];
  [detail: string]: unknown;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

/** The body as text; events rather than `for await`, whose async iterator costs more than the read of a small body. */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        // Read on without keeping anything, so the 413 can be sent on a connection that is still in a sane state.
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Serves an Apollo Server on Node's own http module: POST/GET /graphql, plus GET /health (the process is up)
 * GET /ready (its dependencies answer) and GET /status (operational figures). These never carry business data,
 * so they need no identity. With `cors`, browser pages from the allowed origins may call it; `assets` adds
 * static files.
 */
export async function serveApollo<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<RunningServer> {
  const { apollo, notReady, status, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  await apollo.start();
  const answerCors = options.cors ? corsStep(options.cors) : undefined;
  const serveAsset = options.assets ? assetStep(options.assets) : undefined;
  const graphqlMethods: string[] = options.graphqlMethods ?? ['GET', 'POST'];

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (answerCors?.(request, response)) return;
      if (serveAsset?.(request, response, url.pathname)) return;
      if (request.method === 'GET' && url.pathname === '/health') {
        return sendJson(response, 200, { status: 'ok' });
      }
      if (request.method === 'GET' && url.pathname === '/ready') {
        const answer = notReady ? await notReady().catch((error: Error) => [error.message]) : [];
        const { reasons, ...details } = Array.isArray(answer) ? { reasons: answer } : answer;
        return reasons.length === 0
          ? sendJson(response, 200, { status: 'ready', ...details })
          : sendJson(response, 503, { status: 'unavailable', reasons, ...details });
      }
      if (request.method === 'GET' && url.pathname === '/status' && status) {
        return sendJson(response, 200, await status());
      }
      if (url.pathname !== GRAPHQL_PATH) {
        return sendJson(response, 404, { error: `no route ${request.method} ${url.pathname}; GraphQL is served at ${GRAPHQL_PATH}` });
      }

      if (!graphqlMethods.includes(request.method ?? '')) {
        response.setHeader('allow', graphqlMethods.join(', '));
        return sendJson(response, 405, {
          errors: [{ message: `GraphQL is served here on ${graphqlMethods.join(' and ')} only`, extensions: { code: 'BAD_REQUEST' } }],
        });
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      let text = '';
      if (request.method === 'POST') {
        text = await readBody(request, maxBodyBytes);
        try {
          body = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          return sendJson(response, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }

      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(request, text),
      });
      for (const [name, value] of result.headers) response.setHeader(name, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(response, 413, { errors: [{ message: `request body exceeds ${maxBodyBytes} bytes`, extensions: { code: 'BAD_REQUEST' } }] });
      }
      console.error('unhandled error serving request', error);
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    }
  });
  // Longer than the gateway's idle socket timeout, so pooled keep-alive connections are closed by the client side.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  return {
    port,
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
export { stopOnSignals, type Shutdown } from './signals';
export { postOnPool } from './client';
