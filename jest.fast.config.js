/**
 * The fast tier (`pnpm test:fast`): unit tests and in-process subgraph tests beside the code. No broker, no
 * PostgreSQL server, no gateway: PGlite in memory. The end-to-end suite (tests/, Kafka) is `pnpm test`.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/scripts'],
  testMatch: ['**/test/**/*.test.ts'],
  // These talk to a real broker (and *.e2e.test.ts, beside a division's code, go through the gateway).
  testPathIgnorePatterns: ['/node_modules/', 'kafka-rejoin\\.test\\.ts$', 'transport-contract\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
};
