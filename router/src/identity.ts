import type { IncomingMessage } from 'node:http';
import { InvalidTokenError, type Identity, type TokenService } from '@marquee/auth';
import { unauthenticated } from '@marquee/errors';
import { GraphQLError } from 'graphql';

/** The part of @marquee/cache's RevocationStore the router uses. */
export interface TokenRevocationCheck {
  isRevoked(tokenId: string): Promise<boolean>;
}

/**
 * Reads `Authorization: Bearer <token>`. No header means an anonymous request; a header with an
 * invalid or expired token is an error (HTTP 401), never silently anonymous.
 */
export async function identityFromRequest(
  request: Pick<IncomingMessage, 'headers'>,
  tokens: Pick<TokenService, 'verify'>,
  revocations?: TokenRevocationCheck,
): Promise<Identity | undefined> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined)
    throw withStatus(unauthenticated('Send the token as "Authorization: Bearer <token>".'));
  let identity: Identity;
  try {
    const { userId, role, expiresAt, tokenId } = await tokens.verify(match[1]);
    identity = { userId, role, expiresAt, tokenId };
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      throw withStatus(
        unauthenticated(
          error.reason === 'expired'
            ? 'Your session has expired; log in again.'
            : 'The token is not valid.',
        ),
      );
    }
    throw error;
  }
  // One EXISTS (or a Set lookup in embedded mode) per request: a logged-out token stops at once.
  if (
    revocations !== undefined &&
    identity.tokenId !== undefined &&
    (await revocations.isRevoked(identity.tokenId))
  ) {
    throw withStatus(unauthenticated('This session has ended; log in again.'));
  }
  return identity;
}

function withStatus(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: 401 } },
  });
}
