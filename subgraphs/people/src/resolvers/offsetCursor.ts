import { cursorValue } from '@marquee/server-kit';

/** Position in a list ranked per query (search relevance, a person's billing): rows skipped so far. */
export interface OffsetPosition {
  offset: number;
}

export const isOffset = (
  position: Record<string, unknown>,
): position is OffsetPosition & Record<string, unknown> => cursorValue.offset(position['offset']);
