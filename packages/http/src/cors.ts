import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './respond';

/** The request headers GraphQL clients send from a browser (Apollo Client, urql, graphql-request, GraphiQL). */
export const GRAPHQL_CLIENT_HEADERS: readonly string[] = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

export interface CorsPolicy {
  /** Exact origins (scheme://host[:port]) whose pages may call the server, with credentials. */
  origins: readonly string[];
  /** Request headers those pages may send; default GRAPHQL_CLIENT_HEADERS. */
  allowHeaders?: readonly string[];
}

/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Builds the CORS step of the request handler. It returns true when it has answered the request itself (a
 * preflight). Other requests go on with Access-Control-Allow-Origin set only for an allowed origin: the browser
 * then withholds the answer from any other page. Apollo's CSRF prevention stays in force behind this, so a
 * request a browser sends without preflight still cannot run an operation.
 */
export function corsStep(policy: CorsPolicy): (request: IncomingMessage, response: ServerResponse) => boolean {
  const origins = new Set(policy.origins);
  const allowHeaders = (policy.allowHeaders ?? GRAPHQL_CLIENT_HEADERS).join(', ');
  return (request, response) => {
    // Answers differ by Origin, so caches must key on it.
    response.setHeader('vary', 'Origin');
    const origin = request.headers.origin;
    const allowed = origin !== undefined && origins.has(origin);
    if (allowed) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
    }
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!preflight) return false;
    if (!allowed) {
      sendJson(response, 403, { error: `origin ${origin ?? '(none)'} may not call this server from a browser: it is not among the allowed CORS origins` });
      return true;
    }
    response.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    });
    response.end();
    return true;
  };
}
