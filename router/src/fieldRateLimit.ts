import type { Identity } from '@marquee/auth';
import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fragmentsOf } from './documentShape.ts';
import { rateLimitedError, type RateLimitOptions } from './rateLimit.ts';

/** Root mutations that create sessions: the stricter budget, per client IP whoever asks. */
export const AUTH_FIELDS: ReadonlySet<string> = new Set(['signUp', 'logIn', 'refreshToken']);

/**
 * The operation's root fields as they execute: one per response name (aliases make several of
 * one field; a fragment spread twice adds nothing), each fragment read once.
 */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = fragmentsOf(document);
  const byResponseName = new Map<string, string>();
  const read = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD)
        byResponseName.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!read.has(selection.name.value)) {
        read.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...byResponseName.values()];
}

/**
 * The HTTP request limit counts requests; a request can hold many operations' worth of writes
 * (100 aliased `signUp`s in one mutation). Each root mutation field counts once against a budget
 * of its own: sign-ups, log-ins and refreshes per client IP, other writes per user (or per IP
 * without a token). Refuses with RATE_LIMITED (HTTP 429) before any field runs.
 */
export async function enforceFieldRateLimits(
  options: RateLimitOptions,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  identity: Identity | undefined,
  clientIp: string,
): Promise<void> {
  if (operation.operation !== OperationTypeNode.MUTATION) return;
  const fields = rootFields(document, operation).filter((name) => !name.startsWith('__'));
  const auth = fields.filter((name) => AUTH_FIELDS.has(name)).length;
  const writes = fields.length - auth;
  const budgets = [
    { key: `auth:ip:${clientIp}`, weight: auth, limit: options.authPerMinute },
    {
      key: identity === undefined ? `write:ip:${clientIp}` : `write:user:${identity.userId}`,
      weight: writes,
      limit: options.writesPerMinute,
    },
  ];
  for (const { key, weight, limit } of budgets) {
    if (weight === 0 || limit === undefined) continue;
    const decision = await options.limiter.hit(key, limit, 60, weight);
    if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
  }
}
