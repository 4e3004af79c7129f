export { createTestDatabase, ADMIN_DATABASE_URL, type TestDatabase } from './postgres';
export {
  startTestStack,
  postGraphQL,
  postRaw,
  secret,
  testKafka,
  type TestStack,
  type StackOptions,
  type RunningSubgraph,
  type GraphQLResponse,
  type ResponseTree,
  type B2bParts,
} from './stack';
export { TEST_REDIS_URL, testRedisPrefix, dropRedisKeys, redisKeys, redisTtl } from './redis';
export { TestBroker, testBrokerPort } from './kafka';
export { subgraphUnderTest, type SubgraphUnderTest, type Caller, type InProcessResult } from './in-process';
