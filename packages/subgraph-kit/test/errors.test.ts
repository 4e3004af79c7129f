import { GraphQLError } from 'graphql';
import { describeForLog, formatError } from '../src/errors';

/** A drizzle-wrapped driver error, as node-postgres and drizzle build it. */
function failedQuery(): Error {
  const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
  return new Error('Failed query: insert into "core"."owners" ("email") values ($1)\nparams: dana@example.com', { cause });
}

describe('errors the kit answers and logs', () => {
  it('logs the failed SQL and the database reason, never the parameters', () => {
    const line = describeForLog(failedQuery());
    expect(line).toContain('failed query: insert into "core"."owners" ("email") values ($1)');
    expect(line).toContain('invalid byte sequence for encoding "UTF8": 0x00 (22021)');
    expect(line).not.toContain('dana@example.com');
  });

  it('answers an unexpected error as INTERNAL_SERVER_ERROR without details, and logs it without parameters', () => {
    const logged: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
    try {
      const original = failedQuery();
      const answer = formatError({ message: original.message, path: ['createOwner'] }, new GraphQLError(original.message, { originalError: original }));
      expect(answer).toEqual({ message: 'internal server error', path: ['createOwner'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^internal error at createOwner: failed query: insert into/);
      expect(logged.join('\n')).not.toContain('dana@example.com');
    } finally {
      spy.mockRestore();
    }
  });

  it('passes coded errors through as they are', () => {
    const coded = { message: 'input.email: is not an email address, got "x"', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } };
    expect(formatError(coded, new GraphQLError(coded.message))).toBe(coded);
  });
});
