import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are opaque random strings (256 bits). Only their SHA-256 is stored, so a leaked
 * table cannot be replayed; a fast hash is enough because the input is random, not a password.
 */
export function generateRefreshToken(): string {
  return `rt_${randomBytes(32).toString('base64url')}`;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
