import { GraphQLError, Kind, parse, type DocumentNode, type FieldNode } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Pool } from 'undici';
import { postOnPool } from '@psa/http';
import { REQUEST_ID_HEADER, signIdentity, type Identity } from '@psa/identity';
import { Circuit, type CircuitOptions } from './circuit';
import type { ApiClientScope } from './b2b';
import { SharedReads } from './shared-reads';

export interface GatewayContext {
  identity: Identity;
  /** Encoded once per request; each subgraph call signs it for its subgraph and body. */
  encodedIdentity: string;
  /** Sent to every subgraph the request reaches: their audit rows of this request share it. */
  requestId: string;
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

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** What one call to a subgraph came to: its answer as text and parsed, or why there is none. */
export type SubgraphCallOutcome = { text: string; parsed: SubgraphResponse } | { failure: string };

/** The subgraph's answer when its text is a GraphQL response (a JSON object), otherwise null. */
function parseAnswer(text: string): SubgraphResponse | null {
  try {
    const answer: unknown = JSON.parse(text);
    return typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as SubgraphResponse) : null;
  } catch {
    return null;
  }
}

export const DEFAULT_SUBGRAPH_CALLS: SubgraphCallOptions = { timeoutMs: 5_000, mutationTimeoutMs: 30_000, failuresToOpen: 5, openMs: 10_000 };

/**
 * Subgraph calls go through undici's pool of keep-alive connections, one pool per subgraph. The stock data
 * source builds node-fetch Headers, a Request and a Response around every call; the benchmark shows what
 * skipping them saves.
 */
const SUBGRAPH_CONNECTIONS = 64;

function describeFailure(error: unknown, writes: boolean): string {
  const { name, message, extensions } = error as { name?: string; message?: string; extensions?: { response?: { status?: number } } };
  if (name === 'AbortError' || name === 'TimeoutError') return writes ? 'timed out: the write may or may not have been applied' : 'timed out';
  if (extensions?.response?.status) return `answered HTTP ${extensions.response.status}`;
  const text = `${(error as { code?: string }).code ?? ''} ${message ?? ''}`;
  // Refused: the request never reached the subgraph. Closed: it may have, so a write's outcome is unknown.
  if (/ECONNREFUSED/.test(text)) return 'connection refused';
  if (/ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET/.test(text))
    return writes ? 'connection closed: the write may or may not have been applied' : 'connection closed';
  return writes ? 'no answer: the write may or may not have been applied' : 'no answer';
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
 * A request's answer from a call's outcome. The request that made the call keeps the parsed answer; a request
 * that joined it parses the text for itself, since the gateway builds its response out of these objects.
 */
function answerOf(outcome: SubgraphCallOutcome, options: GraphQLDataSourceProcessOptions<GatewayContext>, madeTheCall: boolean): SubgraphResponse {
  if ('failure' in outcome) return unavailable(outcome.failure, options);
  return madeTheCall ? outcome.parsed : (JSON.parse(outcome.text) as SubgraphResponse);
}

/**
 * One subgraph as the gateway calls it: the caller's identity signed for this subgraph and the exact body sent
 * (a captured header is worth nothing for another query or another subgraph), and nothing else of the client's
 * request; a time limit; a circuit. A call that gets no answer becomes a GraphQL error of the subgraph's, so the
 * gateway nulls only that subgraph's fields, puts the error on their path, and answers the rest with HTTP 200.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly circuit: Circuit;
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    readonly subgraph: string,
    readonly url: string,
    private readonly secret: string,
    private readonly limits: SubgraphCallOptions,
    /** Shared by every subgraph of the gateway: a write to one ends its identity's sharing in all. */
    private readonly sharedReads: SharedReads<SubgraphCallOutcome>,
  ) {
    this.circuit = new Circuit(subgraph, limits);
    const parsedUrl = new URL(url);
    this.pool = new Pool(parsedUrl.origin, { connections: SUBGRAPH_CONNECTIONS, keepAliveTimeout: 30_000 });
    this.path = `${parsedUrl.pathname}${parsedUrl.search}`;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    // An API key reaches only its client's divisions: the fields of any other are refused here, without a call,
    // and the rest of the operation is answered.
    const client = (options.context as Partial<GatewayContext>).apiClient;
    if (client && !client.divisions.has(this.subgraph)) {
      return fieldErrors(options, `API client "${client.name}" may not reach the ${this.subgraph} division; its fields are null`, {
        code: 'FORBIDDEN',
        division: this.subgraph,
      });
    }
    if (!this.circuit.allows()) return unavailable('circuit open', options);
    const writes = options.request.query?.trimStart().startsWith('mutation') ?? false;
    const { http: _http, ...request } = options.request;
    const body = JSON.stringify(request);
    // Requests the gateway makes on its own carry no client context and so no identity, and are not shared.
    const identity = (options.context as Partial<GatewayContext>).encodedIdentity;
    if (identity && writes) this.sharedReads.forget(identity);
    if (!identity || writes) return answerOf(await this.call(body, options, writes), options, true);
    const { answer, leader } = this.sharedReads.share(identity, `${this.subgraph}\n${body}`, () => this.call(body, options, writes));
    return answerOf(await answer, options, leader);
  }

  /** One call to the subgraph, counted by the circuit. */
  private async call(body: string, options: GraphQLDataSourceProcessOptions<GatewayContext>, writes: boolean): Promise<SubgraphCallOutcome> {
    try {
      const text = await this.send(body, options, writes);
      const parsed = parseAnswer(text);
      if (!parsed) throw new Error(`subgraph ${this.subgraph} answered a body that is not a GraphQL response`);
      this.circuit.succeeded();
      return { text, parsed };
    } catch (error) {
      const reason = describeFailure(error, writes);
      this.circuit.failed(reason);
      return { failure: reason };
    }
  }

  private async send(body: string, options: GraphQLDataSourceProcessOptions<GatewayContext>, writes: boolean): Promise<string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const { encodedIdentity: identity, requestId } = options.context as Partial<GatewayContext>;
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (identity) Object.assign(headers, signIdentity(identity, this.secret, { audience: this.subgraph, body }));
    const { status, text } = await postOnPool(this.pool, this.path, headers, body, writes ? this.limits.mutationTimeoutMs : this.limits.timeoutMs);
    if (status < 200 || status >= 300) {
      throw new GraphQLError(`${status} from subgraph ${this.subgraph}`, { extensions: { response: { status, body: text.slice(0, 1000) } } });
    }
    return text;
  }

  /** Closes the pooled connections (the gateway's stop). */
  close(): Promise<void> {
    return this.pool.close();
  }
}
