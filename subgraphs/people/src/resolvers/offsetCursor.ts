/** Position in a list ranked per query (search relevance, a person's billing): rows skipped so far. */
export interface OffsetPosition {
  offset: number;
}

export const isOffset = (value: unknown): value is OffsetPosition =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as OffsetPosition).offset) &&
  (value as OffsetPosition).offset >= 0;
