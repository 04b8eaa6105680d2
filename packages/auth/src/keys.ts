import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTokenKeyPair, type TokenKeyPair } from './tokens.ts';

export interface AuthSecrets extends TokenKeyPair {
  internalIdentitySecret: string;
}

export function generateInternalSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Embedded mode has no secret store: generate the key pair and the internal secret once and keep
 * them in the data dir (owner-only permissions), so tokens survive restarts. Services mode takes
 * them from the environment instead.
 */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<AuthSecrets> {
  const file = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as AuthSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: AuthSecrets = {
    ...(await generateTokenKeyPair()),
    internalIdentitySecret: generateInternalSecret(),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
