import { GraphQLError, Kind, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';

/**
 * How big an operation may be. Apollo Gateway's query planner is exponential in nested fragments, and it runs
 * before any resolver can refuse, so the budget is checked first, on the parsed document alone. The rules are
 * GraphQL Armor's (maintained, and they count a fragment once however often it is spread, so checking the
 * fragment bomb costs microseconds); the budget depends on who asks.
 */
export interface Budget {
  depth: number;
  aliases: number;
  directives: number;
  fragments: number;
  /** GraphQL Armor's estimate: 2 per object, 1 per scalar, each level 1.5 times the one above. */
  cost: number;
}

/**
 * Signed-in callers. Measured costs: the README sample 45, every licensure field of every pet 52, the
 * benchmark's deep operation (households, pets, records and back to the pet) 200.
 */
export const SIGNED_IN_BUDGET: Budget = { depth: 10, aliases: 30, directives: 20, fragments: 30, cost: 1000 };
/** Anonymous callers can read reference data only (every species with its breeds costs 16). */
export const ANONYMOUS_BUDGET: Budget = { depth: 6, aliases: 10, directives: 10, fragments: 10, cost: 100 };
/** Checked while parsing, before any budget: a document longer than this is not even parsed. */
export const MAX_TOKENS = 4000;

export class LimitError extends GraphQLError {
  constructor(limit: keyof Budget, message: string) {
    super(`operation refused: ${message}`, { extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit, http: { status: 400 } } });
  }
}

function fragmentCount(document: DocumentNode): number {
  return document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length;
}

/** The first limit the operation breaks, or null. */
export function exceededLimit(schema: GraphQLSchema, document: DocumentNode, budget: Budget): LimitError | null {
  const fragments = fragmentCount(document);
  if (fragments > budget.fragments) return new LimitError('fragments', `${fragments} fragments, at most ${budget.fragments} allowed`);
  const broken: LimitError[] = [];
  const refuse = (limit: keyof Budget) => (_context: unknown, error: GraphQLError) => {
    broken.push(new LimitError(limit, error.message.replace(/^Syntax Error: /, '')));
  };
  // Introspection (the IDE's schema query) is deep by nature and off in production; only a `__schema` field is
  // exempt, not a fragment or operation so named.
  const options = { exposeLimits: true, propagateOnRejection: false, ignoreIntrospection: true };
  const rules: ValidationRule[] = [
    maxDepthRule({ ...options, n: budget.depth, flattenFragments: true, onReject: [refuse('depth')] }),
    maxAliasesRule({ ...options, n: budget.aliases, onReject: [refuse('aliases')] }),
    maxDirectivesRule({ ...options, n: budget.directives, onReject: [refuse('directives')] }),
    costLimitRule({ ...options, maxCost: budget.cost, flattenFragments: true, onReject: [refuse('cost')] }),
  ];
  validate(schema, document, rules);
  return broken[0] ?? null;
}

/**
 * Refuses an operation over the caller's budget before the gateway plans it. Apollo Server hands the same
 * parsed document to every request with the same text, so each document is judged once per budget.
 */
export function limitsPlugin<TContext extends BaseContext>(budgetOf: (context: TContext) => Budget): ApolloServerPlugin<TContext> {
  const judged = new WeakMap<DocumentNode, Map<Budget, LimitError | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, contextValue }: GraphQLRequestContextDidResolveOperation<TContext>) {
          const budget = budgetOf(contextValue);
          let verdicts = judged.get(document);
          if (!verdicts) judged.set(document, (verdicts = new Map()));
          if (!verdicts.has(budget)) verdicts.set(budget, exceededLimit(schema, document, budget));
          const error = verdicts.get(budget);
          if (error) throw error;
        },
      };
    },
  };
}
