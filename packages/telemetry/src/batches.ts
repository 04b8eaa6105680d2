import { metrics } from './metrics.ts';
import { SpanKind, withSpan } from './tracing.ts';

/**
 * Wraps a DataLoader batch function: the batch size goes to `marquee_dataloader_batch_size` and,
 * while tracing is on, the batch is a span (`dataloader <loader>`) whose children are its
 * database calls. The histogram child is made once per loader, not per batch.
 */
export function observeBatches<Key, Value>(
  service: string,
  loader: string,
  batch: (keys: readonly Key[]) => Promise<readonly (Value | Error)[]>,
): (keys: readonly Key[]) => Promise<readonly (Value | Error)[]> {
  const sizes = metrics().dataloaderBatchSize.labels({ service, loader });
  const spanName = `dataloader ${loader}`;
  return (keys) => {
    sizes.observe(keys.length);
    return withSpan(
      spanName,
      { kind: SpanKind.INTERNAL, attributes: { 'marquee.dataloader.batch_size': keys.length } },
      () => batch(keys),
    );
  };
}
