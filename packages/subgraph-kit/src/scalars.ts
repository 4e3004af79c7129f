export { scalarTypeDefs, scalarResolvers } from '@psa/api-surface';
