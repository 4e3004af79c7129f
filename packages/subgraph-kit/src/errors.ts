import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isInvalidValue, isUniqueViolation } from '@psa/db';
import { CLIENT_ERROR_CODES, type DomainErrorCode } from '@psa/api-surface';

/** The codes clients may rely on. Every refusal a resolver makes uses one of them. */
export type ErrorCode = DomainErrorCode;

function coded(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/**
 * A refusal that keeps what its mutation wrote before it: a wrong code's attempt must stay counted. Thrown as
 * `throw keepingWrites(badInput(...))` from a mutation; the kit commits, then answers with the refusal. Any other
 * refusal rolls its mutation back, as a failure does.
 */
export class RefusalKeepingWrites extends Error {
  constructor(readonly refusal: GraphQLError) {
    super(refusal.message);
  }
}
export const keepingWrites = (refusal: GraphQLError) => new RefusalKeepingWrites(refusal);

/** `field` is the input path the caller sent, e.g. "input.email". */
export const badInput = (field: string, message: string) => coded('BAD_USER_INPUT', `${field}: ${message}`, { field });
export const notFound = (type: string, id: string) => coded('NOT_FOUND', `${type} ${id} does not exist`, { type, id });
export const forbidden = (message: string) => coded('FORBIDDEN', message);
export const unauthenticated = (message = 'sign in to see this: the request carries no identity') => coded('UNAUTHENTICATED', message);
export const conflict = (field: string, message: string) => coded('CONFLICT', `${field}: ${message}`, { field });

/**
 * Apollo's formatError: coded errors go out as they are; a unique violation that slipped past a rule's own check
 * (two writers racing) becomes CONFLICT naming the constraint; anything else is logged and answered with a
 * generic message, so no stack trace or SQL ever reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  const original = unwrapResolverError(error);
  const constraint = isUniqueViolation(original);
  if (constraint) {
    return { message: 'a record with one of these values already exists', path: formatted.path, extensions: { code: 'CONFLICT' } };
  }
  if (isInvalidValue(original)) {
    return { message: 'an argument is not of the expected form (ids are UUIDs)', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  console.error(`internal error at ${formatted.path?.join('.') ?? '(no path)'}: ${describeForLog(original)}`);
  return { message: 'internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * An unexpected error as the log may hold it: the SQL that failed and the database's reason, never the
 * statement's parameters (an owner's email, a NUL-laden text), with the stack of where it was thrown.
 */
export function describeForLog(error: unknown): string {
  const parts: string[] = [];
  let stack = '';
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const failed = /^Failed query: ([\s\S]*?)\nparams:/.exec(current.message);
    const code = (current as { code?: unknown }).code;
    parts.push(failed ? `failed query: ${failed[1]}` : `${current.name}: ${current.message}${typeof code === 'string' ? ` (${code})` : ''}`);
    if (!failed && !stack) stack = current.stack?.split('\n').slice(1, 6).join('\n') ?? '';
  }
  if (parts.length === 0) parts.push(String(error));
  return `${parts.join(' <- ')}${stack ? `\n${stack}` : ''}`;
}
