// How a process runs services: `serve` and what it is given. Light on purpose: the stores and
// the services' code load only once the startup checks pass (see serve.ts).
export { serve } from './serve.ts';
export type { ServeOptions } from './serve.ts';
export { serviceNames, servicePort, subgraphServable } from './servable.ts';
export type { EdgeStores, Servable, ServiceDefinition, ServiceName } from './servable.ts';
export { serveService } from './services.ts';
export type { RunningService } from './services.ts';
export type { Stores } from './stores.ts';
export { exitOnStartupFailure } from './startupFailure.ts';
export { runUntilSignalled } from './shutdown.ts';
export type { Lifecycle, RunOptions } from './shutdown.ts';
export { checkBackends, redactUrl } from './startupChecks.ts';
export type { BackendSetting } from './startupChecks.ts';
