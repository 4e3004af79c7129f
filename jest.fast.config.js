/**
 * The fast tier (`pnpm test:fast`): unit tests and in-process subgraph tests beside the code. No broker, no
 * PostgreSQL server, no gateway: PGlite in memory. The end-to-end suite (tests/, Kafka) is `pnpm test`.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/scripts'],
  testMatch: ['**/test/**/*.test.ts'],
  // These two talk to a real broker.
  testPathIgnorePatterns: ['/node_modules/', 'kafka-rejoin\\.test\\.ts$', 'transport-contract\\.test\\.ts$'],
};
