/**
 * The embedded stack writes its PID to this file in its data folder while it runs: PGlite can be opened by one
 * process only, so `pnpm apikeys` checks it before opening the same database.
 */
export const EMBEDDED_PID_FILE = 'embedded.pid';
