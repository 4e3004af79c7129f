import {
  GraphQLError,
  Kind,
  TypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { CUSTOM_SCALARS, ScalarInputError } from './scalars';

/** Longest list a client may send in any argument; longer lists are refused before anything runs. */
export const MAX_INPUT_LIST_ITEMS = 100;

export class InputError extends GraphQLError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    // Refused before execution: a 400, like any request the server cannot run as sent.
    super(`${field}: ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
  }
}

const NUL = '\u0000';
const NUL_PROBLEM = 'must not contain NUL characters (\\u0000)';

function parseScalar(field: string, parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (error instanceof ScalarInputError) throw new InputError(field, error.message);
    throw error;
  }
}

/** A value as sent in the variables (JSON), checked against the type of the place it goes. */
function checkJson(value: unknown, type: GraphQLInputType, field: string): void {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return checkJson(value, inner.ofType, field);
    if (value.length > MAX_INPUT_LIST_ITEMS) throw new InputError(field, `must hold at most ${MAX_INPUT_LIST_ITEMS} items, got ${value.length}`);
    value.forEach((item, i) => checkJson(item, inner.ofType, `${field}[${i}]`));
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    const fields = inner.getFields();
    for (const [name, item] of Object.entries(value)) {
      const definition = fields[name];
      if (definition) checkJson(item, definition.type, `${field}.${name}`);
    }
    return;
  }
  const custom = isScalarType(inner) ? CUSTOM_SCALARS.get(inner.name) : undefined;
  if (custom) return parseScalar(field, () => custom.parseValue(value));
  if (typeof value === 'string' && value.includes(NUL)) throw new InputError(field, NUL_PROBLEM);
}

/** A value written in the document; variables inside it are looked up and checked as JSON. */
function checkLiteral(node: ValueNode, type: GraphQLInputType, field: string, variables: Record<string, unknown>): void {
  if (node.kind === Kind.VARIABLE) return checkJson(variables[node.name.value], type, field);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (node.kind === Kind.NULL) return;
  if (isListType(inner)) {
    if (node.kind !== Kind.LIST) return checkLiteral(node, inner.ofType, field, variables);
    if (node.values.length > MAX_INPUT_LIST_ITEMS) throw new InputError(field, `must hold at most ${MAX_INPUT_LIST_ITEMS} items, got ${node.values.length}`);
    node.values.forEach((item, i) => checkLiteral(item, inner.ofType, `${field}[${i}]`, variables));
    return;
  }
  if (isInputObjectType(inner)) {
    if (node.kind !== Kind.OBJECT) return;
    const fields = inner.getFields();
    for (const item of node.fields) {
      const definition = fields[item.name.value];
      if (definition) checkLiteral(item.value, definition.type, `${field}.${item.name.value}`, variables);
    }
    return;
  }
  const custom = isScalarType(inner) ? CUSTOM_SCALARS.get(inner.name) : undefined;
  if (custom) return parseScalar(field, () => custom.parseLiteral(node, variables));
  if (node.kind === Kind.STRING && node.value.includes(NUL)) throw new InputError(field, NUL_PROBLEM);
}

/** An argument or variable default written in the document, with the type it goes into and its path for errors. */
interface ArgumentSite {
  value: ValueNode;
  type: GraphQLInputType;
  field: string;
}

/** Where each document takes input, found once per parsed document (servers reuse one per operation text). */
const sitesByDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; sites: ArgumentSite[] }>();

function argumentSites(schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] {
  const known = sitesByDocument.get(document);
  if (known?.schema === schema) return known.sites;
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        // The gateway's entity representations: as many as the objects an answer holds (an owner's 1000 pets), built
        // by the gateway, not sent by a client, so a client's list limit does not apply to them.
        if (node.name.value === 'representations' && typeInfo.getFieldDef()?.name === '_entities') return;
        const argument = typeInfo.getArgument();
        if (argument) sites.push({ value: node.value, type: argument.type, field: node.name.value });
      },
      VariableDefinition(node) {
        const type = typeInfo.getInputType();
        if (type && node.defaultValue) sites.push({ value: node.defaultValue, type, field: `$${node.variable.name.value}` });
      },
    }),
  );
  sitesByDocument.set(document, { schema, sites });
  return sites;
}

/**
 * Checks every argument of a validated operation, written inline or passed as a variable: custom scalars
 * (dates that exist and fall in range, JSON objects), NUL characters in any text, and list lengths. Throws an
 * InputError (BAD_USER_INPUT) naming the argument path as resolvers do (`input.birthDate`, `input.breed[3]`),
 * so a client gets the same answer whether the bad value is inline or in a variable. Runs before the gateway
 * plans the operation and before a subgraph executes it; the document is walked once, the variables every time.
 */
export function checkOperationInput(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const values = variables ?? {};
  for (const { value, type, field } of argumentSites(schema, document)) checkLiteral(value, type, field, values);
}
