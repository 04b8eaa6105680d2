import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane). The PHC string stores the
 * random per-user salt and the parameters, so they can be raised later without breaking old hashes.
 */
// `Algorithm` is an ambient const enum the compiler cannot inline here; 2 is its Argon2id member.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, never a crash that reveals it.
    return false;
  }
}
