export { DisposalStack } from './disposables.ts';
export {
  createTestDatabase,
  createTestMongoDatabase,
  createTestRedisPrefix,
  queryDatabase,
} from './databases.ts';
export type { CreateTestDatabaseOptions, TestDatabase, TestMongoDatabase } from './databases.ts';
export type { TestServerUrls } from './providedContext.ts';
// For e2e tests that start their own processes (router, subgraphs) on free ports.
export {
  findFreePorts,
  locateFerretDb,
  locatePostgres,
  locateRedisServer,
  startFerretDb,
  startPostgres,
  startRedis,
} from './services.ts';
export type { RunningServer } from './services.ts';
export { postGraphQL, runMarquee, spawnMarquee, waitForHealthy } from './marqueeProcesses.ts';
export type { MarqueeProcess } from './marqueeProcesses.ts';
export {
  embeddedDeployment,
  servicesDeployment,
  startEmbedded,
  startServices,
  subgraphServices,
} from './deployments.ts';
export type { ServicesDeployment, TestDeployment } from './deployments.ts';
export { subscribe } from './subscriptions.ts';
export type { LiveSubscription, SubscribeOptions } from './subscriptions.ts';
export { metricValue, parseMetrics, scrapeMetrics } from './metrics.ts';
export type { MetricFamily } from './metrics.ts';
export { startOtlpReceiver } from './otlpReceiver.ts';
export type { ReceivedSpan } from './otlpReceiver.ts';
