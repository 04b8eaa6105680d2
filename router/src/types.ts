import type { BaseContext } from '@apollo/server';
import type { Identity } from '@marquee/auth';

/** The router's request context, which its plugins and data sources read (kept apart from router.ts so they need not import it). */
export interface RouterContext extends BaseContext {
  identity: Identity | undefined;
  /** The caller's address, for the per-field rate limits (absent in-process). */
  clientIp?: string;
}
