import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import {
  GraphQLError,
  Kind,
  Source,
  parse,
  print,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { exceededLimit, SIGNED_IN_BUDGET } from '../limits';
import { sha256Hex } from './operations';

/** An operation ready to register: the exact text clients send, its hash, and the divisions it reaches. */
export interface PreparedOperation {
  name: string;
  text: string;
  sha256: string;
  divisions: string[];
}

/** A file that cannot be registered; the message lists every problem, each naming the operation or location. */
export class RegistrationError extends Error {
  override name = 'RegistrationError';
}

/** The subgraph names of a supergraph, read from its join__Graph enum without building it. */
export function subgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((match) => match[1]!);
}

function collectFetches(node: PlanNode | SubscriptionNode | undefined, into: Set<string>): void {
  if (!node) return;
  switch (node.kind) {
    case 'Fetch':
      into.add(node.serviceName);
      return;
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) collectFetches(child, into);
      return;
    case 'Flatten':
      return collectFetches(node.node, into);
    case 'Condition':
      collectFetches(node.ifClause, into);
      return collectFetches(node.elseClause, into);
    case 'Defer':
      collectFetches(node.primary.node, into);
      for (const deferred of node.deferred) collectFetches(deferred.node, into);
      return;
    case 'Subscription':
      collectFetches(node.primary, into);
      return collectFetches(node.rest, into);
  }
}

/**
 * Checks operations as the gateway will see them: valid against its API schema, within the signed-in budget, and
 * the subgraphs its query plan calls, by the same planner the gateway runs.
 */
export class OperationChecker {
  private readonly apiSchema: Schema;
  private readonly graphqlSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.graphqlSchema = this.apiSchema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** Problems with the operation, or the divisions its plan reaches. */
  check(document: DocumentNode, operationName: string): { problems: string[] } | { divisions: string[] } {
    const invalid = validate(this.graphqlSchema, document);
    if (invalid.length > 0) return { problems: invalid.map((error) => error.message) };
    const overBudget = exceededLimit(this.graphqlSchema, document, SIGNED_IN_BUDGET);
    if (overBudget) return { problems: [overBudget.message] };
    const plan: QueryPlan = this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
    const divisions = new Set<string>();
    collectFetches(plan.node, divisions);
    return { divisions: [...divisions].sort() };
  }
}

/** The fragments an operation spreads, directly or through other fragments, in the file's order. */
function fragmentsUsed(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, problems: string[]): FragmentDefinitionNode[] {
  const used = new Set<string>();
  const pending: DefinitionNode[] = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) {
          problems.push(`operation ${operation.name?.value}: fragment ${name} is not defined in the file`);
          return;
        }
        used.add(name);
        pending.push(fragment);
      },
    });
  }
  return [...fragments.values()].filter((fragment) => used.has(fragment.name.value));
}

const where = (error: GraphQLError, file: string) => {
  const location = error.locations?.[0];
  return location ? `${file}:${location.line}:${location.column}` : file;
};

/**
 * Each named operation of a .graphql file, as the text a client sends: the operation and the fragments it uses,
 * printed by graphql-js (what Apollo Client and most code generators send, whatever the file's layout). Every
 * operation must be valid, within the budget and reach only `divisions`; otherwise nothing is registered and the
 * error lists every problem.
 */
export function prepareOperations(source: string, file: string, checker: OperationChecker, divisions: readonly string[]): PreparedOperation[] {
  let document: DocumentNode;
  try {
    document = parse(new Source(source, file));
  } catch (error) {
    if (error instanceof GraphQLError) throw new RegistrationError(`${where(error, file)}: ${error.message}`);
    throw error;
  }
  const problems: string[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    else problems.push(`${file}:${definition.loc?.startToken.line ?? 1}: only operations and fragments can be registered, not ${definition.kind}`);
  }
  if (operations.length === 0) problems.push(`${file}: holds no operation`);
  const names = new Set<string>();
  const prepared: PreparedOperation[] = [];
  for (const operation of operations) {
    const name = operation.name?.value;
    if (!name) {
      problems.push(`${file}:${operation.loc?.startToken.line ?? 1}: every operation must be named (it is listed and logged by its name)`);
      continue;
    }
    if (names.has(name)) {
      problems.push(`operation ${name}: defined twice in the file`);
      continue;
    }
    names.add(name);
    const own: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsed(operation, fragments, problems)] };
    const checked = checker.check(own, name);
    if ('problems' in checked) {
      problems.push(...checked.problems.map((problem) => `operation ${name}: ${problem}`));
      continue;
    }
    const outside = checked.divisions.filter((division) => !divisions.includes(division));
    if (outside.length > 0) {
      problems.push(`operation ${name}: reaches ${outside.join(', ')}, outside the client's divisions (${divisions.join(', ')})`);
      continue;
    }
    const text = print(own);
    prepared.push({ name, text, sha256: sha256Hex(text), divisions: checked.divisions });
  }
  if (problems.length > 0) throw new RegistrationError(`${file} cannot be registered:\n  - ${problems.join('\n  - ')}`);
  return prepared;
}
