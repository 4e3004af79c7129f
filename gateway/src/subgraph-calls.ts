import { Agent } from 'node:http';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type DocumentNode, type FieldNode } from 'graphql';
import fetch from 'node-fetch';
import { IDENTITY_HEADER, signIdentity, type Identity } from '@psa/identity';
import { Circuit, type CircuitOptions } from './circuit';
import type { ApiClientScope } from './b2b';

export interface GatewayContext {
  identity: Identity;
  /** Encoded once per request; each subgraph call signs it for its subgraph and body (see signedFetcher). */
  encodedIdentity: string;
  /** Present when the request came with an API key: the divisions it may reach, the operations it may run. */
  apiClient?: ApiClientScope;
}

export interface SubgraphCallOptions extends CircuitOptions {
  /** A query call that has not answered after this long is abandoned and counts as a failure. */
  timeoutMs: number;
  /**
   * The same for a call that writes: longer, because a write abandoned by the gateway may still commit, and the
   * client is then told only that its outcome is unknown.
   */
  mutationTimeoutMs: number;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export const DEFAULT_SUBGRAPH_CALLS: SubgraphCallOptions = { timeoutMs: 5_000, mutationTimeoutMs: 30_000, failuresToOpen: 5, openMs: 10_000 };

/** Set by the data source for the fetcher, never sent: how long this call may take. */
const TIME_LIMIT_HEADER = 'x-psa-time-limit-ms';

/**
 * Subgraph calls reuse a bounded pool of keep-alive sockets. The stock fetcher (make-fetch-happen) opens an
 * unbounded number and runs HTTP-cache logic on every call; the benchmark shows what this saves.
 */
const SUBGRAPH_SOCKETS = 64;
const agent = new Agent({ keepAlive: true, maxSockets: SUBGRAPH_SOCKETS, keepAliveMsecs: 30_000 });

type FetchInit = { headers: Record<string, string>; body: string };

/**
 * Signs the identity for the one subgraph and the exact body this call sends: the fetcher is the first place
 * the serialised body exists. A captured header is then worth nothing for another query or another subgraph.
 */
function signedFetcher(subgraph: string, secret: string): RemoteGraphQLDataSource['fetcher'] {
  return ((url: string, init: FetchInit) => {
    const { [TIME_LIMIT_HEADER]: limit, ...sent } = init.headers;
    const identity = sent[IDENTITY_HEADER];
    const headers = identity ? { ...sent, ...signIdentity(identity, secret, { audience: subgraph, body: init.body }) } : sent;
    return fetch(url, { ...init, headers, agent, signal: AbortSignal.timeout(Number(limit)) });
  }) as unknown as RemoteGraphQLDataSource['fetcher'];
}

function describeFailure(error: unknown, writes: boolean): string {
  const { name, message, extensions } = error as { name?: string; message?: string; extensions?: { response?: { status?: number } } };
  if (name === 'AbortError' || name === 'TimeoutError') return writes ? 'timed out: the write may or may not have been applied' : 'timed out';
  if (extensions?.response?.status) return `answered HTTP ${extensions.response.status}`;
  return /ECONNREFUSED|ECONNRESET|socket hang up/.test(message ?? '') ? 'connection refused' : 'no answer';
}

/** What a client gets for the fields of a subgraph that did not answer: null, and this error on their path. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Errors beyond this many would only repeat themselves: the rest of the missing fields are null without one. */
const MAX_ERRORS_PER_CALL = 100;

/** The gateway's own subgraph queries, parsed on the failure path only; their number is bounded by the plans. */
const parsed = new Map<string, DocumentNode>();
function parsedQuery(query: string | undefined): DocumentNode | undefined {
  if (!query) return undefined;
  let document = parsed.get(query);
  if (!document) {
    if (parsed.size > 1000) parsed.clear();
    parsed.set(query, (document = parse(query)));
  }
  return document;
}

/** The response names a fetch selects: under `_entities`, the entity fields; otherwise the root fields. */
function selectedFields(document: DocumentNode | undefined): { entities: boolean; names: string[] } {
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { entities: false, names: [] };
  const roots = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const entities = roots.find((f) => f.name.value === '_entities');
  if (!entities) return { entities: false, names: roots.map((f) => f.alias?.value ?? f.name.value) };
  const names = new Set<string>();
  for (const selection of entities.selectionSet?.selections ?? []) {
    const fields = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet.selections : [selection];
    for (const field of fields) if (field.kind === Kind.FIELD && field.name.value !== '__typename') names.add(field.alias?.value ?? field.name.value);
  }
  return { entities: true, names: [...names] };
}

/**
 * The answer of a subgraph that is not called: one error per field it was asked for, on a path the gateway maps
 * to the client's response (me.pets.0.vaccinations), so a client knows exactly what is null and why.
 */
function fieldErrors(options: GraphQLDataSourceProcessOptions<GatewayContext>, message: string, extensions: Record<string, unknown>): SubgraphResponse {
  const { entities, names } = selectedFields(parsedQuery(options.request.query));
  const representations = options.request.variables?.representations;
  const paths: (string | number)[][] =
    entities && Array.isArray(representations) ? representations.flatMap((_, i) => names.map((name) => ['_entities', i, name])) : names.map((name) => [name]);
  return { errors: paths.slice(0, MAX_ERRORS_PER_CALL).map((path) => ({ message, path, extensions })) };
}

/** What the subgraph would have given had it said "not now". */
const unavailable = (reason: string, options: GraphQLDataSourceProcessOptions<GatewayContext>) =>
  fieldErrors(options, `this part of the API is not answering (${reason}); its fields are null`, { code: SUBGRAPH_UNAVAILABLE });

/**
 * One subgraph as the gateway calls it: the caller's identity signed per call, and nothing else of the
 * client's request; a time limit; a circuit. A call that gets no answer becomes a GraphQL error of the
 * subgraph's, so the gateway nulls only that subgraph's fields, puts the error on their path, and answers the
 * rest with HTTP 200.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly circuit: Circuit;

  constructor(readonly subgraph: string, url: string, secret: string, options: SubgraphCallOptions) {
    super({ url, fetcher: signedFetcher(subgraph, secret) });
    this.circuit = new Circuit(subgraph, options);
    this.limits = options;
  }

  private readonly limits: SubgraphCallOptions;

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Requests the gateway makes on its own carry no client context and so no identity.
    const identity = (context as Partial<GatewayContext>).encodedIdentity;
    if (identity) request.http?.headers.set(IDENTITY_HEADER, identity);
    const writes = request.query?.trimStart().startsWith('mutation') ?? false;
    request.http?.headers.set(TIME_LIMIT_HEADER, String(writes ? this.limits.mutationTimeoutMs : this.limits.timeoutMs));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    // An API key reaches only its client's divisions: the fields of any other are refused here, without a call,
    // and the rest of the operation is answered.
    const client = (options.context as Partial<GatewayContext>).apiClient;
    if (client && !client.divisions.has(this.subgraph)) {
      return fieldErrors(options, `API client "${client.name}" may not reach the ${this.subgraph} division; its fields are null`, { code: 'FORBIDDEN', division: this.subgraph });
    }
    if (!this.circuit.allows()) return unavailable('circuit open', options);
    try {
      const response = await super.process(options);
      this.circuit.succeeded();
      return response;
    } catch (error) {
      const reason = describeFailure(error, options.request.query?.trimStart().startsWith('mutation') ?? false);
      this.circuit.failed(reason);
      return unavailable(reason, options);
    }
  }
}
