export { hashPassword, verifyPassword } from './passwords.ts';
export { generateTokenKeyPair, InvalidTokenError, TokenService } from './tokens.ts';
export type { IssuedToken, TokenKeyPair } from './tokens.ts';
export {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  signIdentity,
  signRouterCredential,
  signRouterRequest,
  verifyIdentity,
  verifyRouterCredential,
  verifyRouterRequest,
} from './identity.ts';
export type { VerifyIdentityOptions } from './identity.ts';
export { generateInternalSecret, loadOrCreateLocalSecrets } from './keys.ts';
export type { AuthSecrets } from './keys.ts';
export { isRole, roles } from './roles.ts';
export type { Identity, Role } from './roles.ts';
export { generateRefreshToken, hashRefreshToken } from './refresh.ts';
