import { badInput } from './errors';

/** A status table: for each status, the statuses it may become. Every status flow of every division is one of these. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** Whether `table` lets `from` become `to`. */
export const allows = <S extends string>(table: TransitionTable<S>, from: S, to: S): boolean => table[from].includes(to);

/** Throws BAD_USER_INPUT naming `field` unless `table` allows `from` → `to`; the message says what is allowed. */
export function assertTransition<S extends string>(table: TransitionTable<S>, field: string, what: string, from: S, to: S): void {
  if (allows(table, from, to)) return;
  const allowed = table[from].length > 0 ? table[from].join(', ') : 'nothing (it is final)';
  throw badInput(field, `${what} is ${from} and cannot become ${to}; from ${from} it may become ${allowed}`);
}
