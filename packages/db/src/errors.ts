/** PostgreSQL error codes we turn into domain errors. Drizzle wraps driver errors, so look at the cause too. */
function pgCode(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined };
    }
    current = candidate.cause;
  }
  return {};
}

/** The unique constraint's name when `error` is a unique violation (23505), otherwise undefined. */
export function isUniqueViolation(error: unknown): string | undefined {
  const { code, constraint } = pgCode(error);
  return code === '23505' ? (constraint ?? 'unique constraint') : undefined;
}

/** True when PostgreSQL could not read a value as its column type (22P02), such as an id that is not a UUID. */
export function isInvalidValue(error: unknown): boolean {
  return pgCode(error).code === '22P02';
}
