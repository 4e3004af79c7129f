/**
 * The least a gateway process in Node can cost, for the benchmark's floor: an HTTP server that forwards each POST to
 * core as it came (its body and the identity the load generator signed for core) with the same pooled undici call
 * our gateway makes, and answers with core's reply. No GraphQL at all: no parse, plan, JWT, signature or response
 * building. PORT, TARGET_URL (core's /graphql). GET answers 200 (its readiness).
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { postOnPool } from '@psa/http';

const port = Number(process.env.PORT);
const target = new URL(process.env.TARGET_URL ?? '');
const pool = new Pool(target.origin, { connections: 64, keepAliveTimeout: 30_000 });
// Hop-by-hop, or recomputed by undici for the body it sends.
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

const server = createServer((request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && !NOT_FORWARDED.has(name)) headers[name] = value;
    postOnPool(pool, `${target.pathname}${target.search}`, headers, Buffer.concat(chunks).toString('utf8'), 5_000).then(
      ({ status, text }) => response.writeHead(status, { 'content-type': 'application/json' }).end(text),
      (error: Error) => response.writeHead(502, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`bare HTTP hop listening on ${port}, forwarding to ${target.href}`));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.close().then(() => process.exit(0));
});
