import { register } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OTLPJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { useTracer } from './tracing.ts';

export interface TracingOptions {
  /** OTLP/HTTP collector; spans go to `<it>/v1/traces`. */
  endpoint: string;
  /** OTLP/HTTP encoding: protobuf (the collectors' default) or JSON. */
  protocol: 'http/protobuf' | 'http/json';
  /** `service.name` of every span: `marquee-router`, `marquee-movies`, ... or `marquee`. */
  serviceName: string;
}

/**
 * Starts the OpenTelemetry SDK: W3C trace context, spans batched to the OTLP/HTTP collector, and
 * the official instrumentations for the drivers (pg, ioredis, mongodb) and the router's HTTP
 * client (undici). Marquee runs as ES modules, so the drivers are patched through
 * import-in-the-middle's loader hook, which must be registered before they are imported: the
 * process calls this before it loads its stores. Loaded only when tracing is on.
 * Returns the function that flushes and stops it.
 */
export async function startTracing(options: TracingOptions): Promise<() => Promise<void>> {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const tracesUrl = new URL(
    'v1/traces',
    options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`,
  ).href;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter:
          options.protocol === 'http/json'
            ? new OTLPJsonTraceExporter({ url: tracesUrl })
            : new OTLPTraceExporter({ url: tracesUrl }),
        scheduledDelayMillis: 500,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation(),
      new MongoDBInstrumentation(),
      new UndiciInstrumentation(),
    ],
  });
  await waitForAllMessagesAcknowledged();
  useTracer(trace.getTracer('marquee'));
  return async () => {
    useTracer(undefined);
    await provider.shutdown();
    trace.disable();
  };
}
