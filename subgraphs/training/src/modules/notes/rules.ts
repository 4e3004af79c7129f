import { requiredText } from '@psa/subgraph-kit';

export const MAX_NOTE_LENGTH = 2000;

/** A note's text: required, trimmed, bounded. Throws BAD_USER_INPUT naming the field. */
export function noteText(field: string, value: string): string {
  return requiredText(field, value, MAX_NOTE_LENGTH);
}
