import { PublicProtocol } from 'paseto';
import {
  ExportPublicKeyFactory,
  ExportSecretKeyFactory,
  GenerateKeyPairFactory,
  ImportPublicKeyFactory,
  ImportSecretKeyFactory,
  SignFactory,
  VerifyFactory,
  type PublicKey,
  type SecretKey,
} from 'paseto/v4/public';
import { isRole, type Identity, type Role } from './roles.ts';

const v4 = new PublicProtocol(
  GenerateKeyPairFactory,
  SignFactory,
  VerifyFactory,
  ImportPublicKeyFactory,
  ExportPublicKeyFactory,
  ImportSecretKeyFactory,
  ExportSecretKeyFactory,
);

const ISSUER = 'marquee';
const AUDIENCE = 'marquee-api';

/** A PASERK k4.secret / k4.public pair as strings (what the environment and the data dir hold). */
export interface TokenKeyPair {
  secretKey: string;
  publicKey: string;
}

export async function generateTokenKeyPair(): Promise<TokenKeyPair> {
  const pair = await v4.GenerateKeyPair({ extractable: true });
  return {
    secretKey: await v4.ExportSecretKey(pair.secretKey),
    publicKey: await v4.ExportPublicKey(pair.publicKey),
  };
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
  readonly reason: 'malformed' | 'expired' | 'invalid';
  constructor(reason: 'malformed' | 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The token has expired.' : 'The token is not valid.');
    this.reason = reason;
  }
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** PASETO v4.public access tokens: signed with Ed25519, verifiable with the public key alone. */
export class TokenService {
  private readonly secret: SecretKey | undefined;
  private readonly publicKey: PublicKey;

  private constructor(secret: SecretKey | undefined, publicKey: PublicKey) {
    this.secret = secret;
    this.publicKey = publicKey;
  }

  static async fromKeys(keys: { secretKey?: string; publicKey: string }): Promise<TokenService> {
    const { secretKey, publicKey } = keys;
    if (
      !publicKey.startsWith('k4.public.') ||
      (secretKey !== undefined && !secretKey.startsWith('k4.secret.'))
    ) {
      throw new Error('Token keys must be PASERK k4.public / k4.secret strings.');
    }
    const secret =
      secretKey === undefined
        ? undefined
        : await v4.ImportSecretKey(secretKey as `k4.secret.${string}`);
    return new TokenService(secret, await v4.ImportPublicKey(publicKey as `k4.public.${string}`));
  }

  async issue(
    subject: { userId: string; role: Role },
    ttlSeconds: number,
    tokenId: string,
  ): Promise<IssuedToken> {
    if (this.secret === undefined) throw new Error('This token service holds no secret key.');
    const now = new Date();
    const token = await v4.Sign(
      this.secret,
      { sub: subject.userId, role: subject.role, iss: ISSUER, aud: AUDIENCE, jti: tokenId },
      { expiresIn: ttlSeconds, now },
    );
    return { token, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
  }

  async verify(token: string): Promise<Identity & { tokenId: string }> {
    if (!token.startsWith('v4.public.')) throw new InvalidTokenError('malformed');
    let claims: Record<string, unknown>;
    try {
      ({ claims } = await v4.Verify(this.publicKey, token, {
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'role', 'exp', 'jti'],
      }));
    } catch (error) {
      // The library reports expiry as a claim-validation error whose message names it.
      const expired =
        (error as { code?: unknown }).code === 'ERR_PASETO_CLAIM_VALIDATION' &&
        /expired/i.test((error as Error).message);
      throw new InvalidTokenError(expired ? 'expired' : 'invalid');
    }
    const { sub, role, exp, jti } = claims;
    if (
      typeof sub !== 'string' ||
      !isRole(role) ||
      typeof exp !== 'string' ||
      typeof jti !== 'string'
    ) {
      throw new InvalidTokenError('invalid');
    }
    return { userId: sub, role, expiresAt: Math.floor(Date.parse(exp) / 1000), tokenId: jti };
  }
}
