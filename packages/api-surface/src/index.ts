export { CLIENT_ERROR_CODES, DOMAIN_ERROR_CODES, PROTOCOL_ERROR_CODES, isDomainErrorCode, type DomainErrorCode } from './codes';
export {
  DateScalar,
  DateTimeScalar,
  JSONObjectScalar,
  CUSTOM_SCALARS,
  ScalarInputError,
  scalarTypeDefs,
  scalarResolvers,
  EARLIEST,
  LATEST,
  JSON_OBJECT_LIMITS,
} from './scalars';
export { checkOperationInput, InputError, MAX_INPUT_LIST_ITEMS } from './input-check';
export { inputCheckPlugin } from './plugin';
