import { GraphQLError, GraphQLScalarType, Kind, parse, print, type ValueNode } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

/**
 * The custom scalars every service declares. graphql-scalars does the parsing; on top of it, dates must fall
 * in a range PostgreSQL and the domain can hold (year 0 parses as a date but no pet was born then), JSON
 * objects are bounded, and every refusal is a coded BAD_USER_INPUT. The input check names the field.
 */
export const EARLIEST = '1900-01-01';
export const LATEST = '2199-12-31';
export const JSON_OBJECT_LIMITS = { keys: 100, depth: 5 } as const;

export class ScalarInputError extends GraphQLError {
  constructor(problem: string) {
    super(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value)));

function inRange(day: string, value: unknown, what: string): void {
  if (day < EARLIEST || day > LATEST) throw new ScalarInputError(`must be ${what} between ${EARLIEST} and ${LATEST}, got ${shown(value)}`);
}

function parseDate(value: unknown): Date {
  let parsed: Date;
  try {
    parsed = DateResolver.parseValue(value) as Date;
  } catch {
    throw new ScalarInputError(`must be a calendar date (YYYY-MM-DD), got ${shown(value)}`);
  }
  inRange(parsed.toISOString().slice(0, 10), value, 'a calendar date');
  return parsed;
}

function parseDateTime(value: unknown): Date {
  let parsed: Date;
  try {
    parsed = DateTimeResolver.parseValue(value) as Date;
  } catch {
    throw new ScalarInputError(`must be an ISO-8601 instant with a time zone (2026-05-01T09:30:00Z), got ${shown(value)}`);
  }
  inRange(parsed.toISOString().slice(0, 10), value, 'an instant');
  return parsed;
}

function checkJson(value: unknown, depth: number, count: { keys: number }): void {
  if (typeof value === 'string' && value.includes('\u0000')) throw new ScalarInputError('must not contain NUL characters (\\u0000)');
  if (value === null || typeof value !== 'object') return;
  if (depth > JSON_OBJECT_LIMITS.depth) throw new ScalarInputError(`must nest at most ${JSON_OBJECT_LIMITS.depth} levels deep`);
  for (const [key, item] of Object.entries(value)) {
    if (++count.keys > JSON_OBJECT_LIMITS.keys) throw new ScalarInputError(`must hold at most ${JSON_OBJECT_LIMITS.keys} keys and items`);
    if (key.includes('\u0000')) throw new ScalarInputError('must not contain NUL characters (\\u0000)');
    checkJson(item, depth + 1, count);
  }
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScalarInputError(`must be a JSON object such as {"care": true}, got ${shown(value)}`);
  }
  checkJson(value, 1, { keys: 0 });
  return value as Record<string, unknown>;
}

/** Literals are checked by the same parse as variables, so `birthDate: "2023-02-30"` and `$d` fail alike. */
function stringLiteral<T>(parseValue: (value: unknown) => T) {
  return (node: ValueNode): T => {
    if (node.kind === Kind.STRING) return parseValue(node.value);
    throw new ScalarInputError(`must be a string, got ${print(node)}`);
  };
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: `A calendar date, YYYY-MM-DD, between ${EARLIEST} and ${LATEST}.`,
  serialize: DateResolver.serialize,
  parseValue: parseDate,
  parseLiteral: stringLiteral(parseDate),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with a time zone.',
  serialize: DateTimeResolver.serialize,
  parseValue: parseDateTime,
  parseLiteral: stringLiteral(parseDateTime),
});

export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description: `A JSON object of at most ${JSON_OBJECT_LIMITS.keys} keys, ${JSON_OBJECT_LIMITS.depth} levels deep.`,
  serialize: JSONObjectResolver.serialize,
  parseValue: parseJsonObject,
  parseLiteral: (node, variables) => {
    if (node.kind !== Kind.OBJECT) throw new ScalarInputError(`must be a JSON object such as {care: true}, got ${print(node)}`);
    // graphql-scalars builds literals on null-prototype objects, which database drivers cannot serialise.
    return parseJsonObject(JSON.parse(JSON.stringify(JSONObjectResolver.parseLiteral(node, variables))));
  },
});

export const CUSTOM_SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map(
  [DateScalar, DateTimeScalar, JSONObjectScalar].map((scalar) => [scalar.name, scalar]),
);

export const scalarTypeDefs = parse(/* GraphQL */ `
  scalar DateTime
  scalar Date
  scalar JSONObject
`);

export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar, JSONObject: JSONObjectScalar };
