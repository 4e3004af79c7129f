export {
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  SIGNED_AT_HEADER,
  SIGNATURE_HEADER,
  IdentityError,
  assertSecret,
  encodeIdentity,
  signIdentity,
  verifyIdentity,
  type Identity,
  type RequestBinding,
} from './identity';
export { grantAccess, verifyAccessGrant, type AccessSubject } from './grants';
