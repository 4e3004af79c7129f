export { createTestDatabase, ADMIN_DATABASE_URL, type TestDatabase } from './postgres';
export { startTestStack, postGraphQL, postRaw, secret, testKafka, type TestStack, type StackOptions, type RunningSubgraph, type GraphQLResponse } from './stack';
export { TestBroker, testBrokerPort } from './kafka';
