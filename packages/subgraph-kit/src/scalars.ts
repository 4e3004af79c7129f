import { parse } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

/** Scalars every subgraph may use: instants, calendar dates and JSON objects. */
export const scalarTypeDefs = parse(/* GraphQL */ `
  scalar DateTime
  scalar Date
  scalar JSONObject
`);

export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Date: DateResolver,
  JSONObject: JSONObjectResolver,
};
