import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

export { SpanKind };
export type { Span };

/**
 * The process's tracer while tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT set, see sdk.ts), else
 * undefined: every helper below then calls straight through, allocating nothing, so tracing
 * costs nothing when it is off.
 */
let tracer: Tracer | undefined;

/** Called once by sdk.ts when the SDK is registered. */
export function useTracer(active: Tracer | undefined): void {
  tracer = active;
}

export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `work` inside a new span (a child of the active one), ended when `work` settles and
 * marked as an error when it throws.
 */
export function withSpan<Result>(
  name: string,
  options: SpanOptions,
  work: (span: Span | undefined) => Promise<Result>,
): Promise<Result> {
  if (tracer === undefined) return work(undefined);
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordError(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

export function recordError(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** The active span while tracing is on. */
export function currentSpan(): Span | undefined {
  return tracer === undefined ? undefined : trace.getActiveSpan();
}

/** Adds `traceparent` (W3C Trace Context) for the active span to outgoing headers or message extensions. */
export function injectTraceContext(carrier: Record<string, unknown>): void {
  if (tracer === undefined) return;
  propagation.inject(context.active(), carrier);
}

/**
 * Runs `work` as part of the trace a carrier (incoming headers, a message's extensions, an
 * event's fields) names, under a new span of `kind`: the server side of a fetch, the consumer of
 * an event.
 */
export function withRemoteSpan<Result>(
  carrier: Record<string, unknown> | undefined,
  name: string,
  options: SpanOptions,
  work: (span: Span | undefined) => Promise<Result>,
): Promise<Result> {
  if (tracer === undefined) return work(undefined);
  const parent =
    carrier === undefined ? context.active() : propagation.extract(context.active(), carrier);
  return context.with(parent, () => withSpan(name, options, work));
}

/** The W3C trace context of the active span, to store beside an event (the outbox). */
export function traceCarrier(): Record<string, string> | undefined {
  if (tracer === undefined) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent === undefined ? undefined : carrier;
}

/**
 * A span that stands for the start of something long-lived (a subscription), ended at once, and
 * its W3C trace context to send along: each later event becomes a span of its own under it.
 * Undefined while tracing is off.
 */
export function startedSpanCarrier(
  name: string,
  options: SpanOptions,
): Record<string, string> | undefined {
  if (tracer === undefined) return undefined;
  const span = tracer.startSpan(name, options);
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  span.end();
  return carrier;
}
