import { MongoClient } from 'mongodb';

/**
 * Connects to `url` and pings it, giving up after `timeoutMs`; rejects with the driver's error.
 * For startup checks: the document store itself connects lazily, on first use.
 */
export async function pingMongo(url: string, timeoutMs: number): Promise<void> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    // Stops the driver's monitors, which would otherwise keep retrying in the background.
    await client.close().catch(() => undefined);
  }
}
