export type Role = 'USER' | 'ADMIN';
export const roles: readonly Role[] = ['USER', 'ADMIN'];
export const isRole = (value: unknown): value is Role => value === 'USER' || value === 'ADMIN';

/** Who is asking, as established by the router from a verified token. */
export interface Identity {
  userId: string;
  role: Role;
  /** Unix seconds at which the token that proved this identity expires. */
  expiresAt: number;
  /** The token's id (`jti`), so a subgraph can revoke the very token a request came with (log out). */
  tokenId?: string;
}
