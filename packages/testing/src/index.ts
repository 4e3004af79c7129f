export { createTestDatabase, ADMIN_DATABASE_URL, type TestDatabase } from './postgres';
export { startTestStack, postGraphQL, secret, type TestStack, type RunningSubgraph, type GraphQLResponse } from './stack';
