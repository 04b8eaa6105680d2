import { generateInternalSecret, generateTokenKeyPair } from '@marquee/auth';

/** Prints fresh secrets in .env form, for services mode and docker-compose. */
export async function keysCommand(): Promise<void> {
  const { secretKey, publicKey } = await generateTokenKeyPair();
  console.log(`TOKEN_SECRET_KEY=${secretKey}`);
  console.log(`TOKEN_PUBLIC_KEY=${publicKey}`);
  console.log(`INTERNAL_IDENTITY_SECRET=${generateInternalSecret()}`);
}
