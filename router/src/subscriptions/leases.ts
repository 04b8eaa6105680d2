import { randomUUID } from 'node:crypto';
import type { Identity } from '@marquee/auth';
import { createMemorySlotStore, type SlotStore } from '@marquee/cache';
import type { Logger } from '@marquee/logger';

/** The part of @marquee/cache's SlotStore the router uses for its per-user cap. */
export type SubscriptionSlots = Pick<SlotStore, 'claim' | 'release' | 'renew' | 'leaseSeconds'>;

/** What a lease is taken for: one connection's operations. */
export interface LeaseHolder {
  /** Unique within this router. */
  id: number;
  identity: Identity;
  /** Per operation id, the function that frees its slot under the per-user cap. */
  slots: Map<string, () => void>;
}

export interface SubscriptionLeases {
  /**
   * Takes one of the user's slots for this operation and registers its release in
   * `holder.slots`; false when the user holds them all, or when `isOpen` says the connection
   * closed while the slot was being taken.
   */
  reserve(holder: LeaseHolder, operationId: string, isOpen: () => boolean): Promise<boolean>;
  /** Subscriptions holding a slot on this router. */
  active(): number;
  /** Stops renewing (the leases then lapse on their own). */
  close(): void;
}

/**
 * The per-user subscription cap as leases in a slot store (shared by every router on Redis): a
 * slot is renewed a few times per lease while its subscription lives, so a dead router's slots
 * free themselves when their leases run out.
 */
export function createSubscriptionLeases(options: {
  slots?: SubscriptionSlots | undefined;
  maxPerUser: number;
  logger: Logger;
}): SubscriptionLeases {
  const { logger, maxPerUser } = options;
  const slots = options.slots ?? createMemorySlotStore();
  /** Names this router's slot holders apart from other replicas'. */
  const routerId = randomUUID();
  /** Slots this router holds, renewed a few times per lease so a dead router's slots free themselves. */
  const held = new Map<string, { key: string; holder: string }>();
  let active = 0;
  const renewal = setInterval(
    () => {
      if (held.size === 0) return;
      slots
        .renew([...held.values()])
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'could not renew subscription slots'),
        );
    },
    (slots.leaseSeconds * 1000) / 3,
  );
  renewal.unref();

  return {
    async reserve(connection, operationId, isOpen) {
      const key = `subscriptions:${connection.identity.userId}`;
      const holder = `${routerId}:${connection.id}:${operationId}`;
      let taken: boolean;
      try {
        taken = await slots.claim(key, holder, maxPerUser);
      } catch (error) {
        // Like the rate limiter: an unreachable store does not take subscriptions down.
        logger.warn({ err: error }, 'subscription slots unavailable; subscription allowed');
        taken = true;
      }
      if (!taken) return false;
      const free = () => {
        held.delete(holder);
        slots
          .release(key, holder)
          .catch((error: unknown) =>
            logger.warn({ err: error }, 'could not release a subscription slot'),
          );
      };
      if (!isOpen()) {
        // The socket closed while the slot was being taken.
        free();
        return false;
      }
      held.set(holder, { key, holder });
      active += 1;
      let released = false;
      connection.slots.set(operationId, () => {
        if (released) return;
        released = true;
        connection.slots.delete(operationId);
        active -= 1;
        free();
      });
      return true;
    },
    active: () => active,
    close: () => clearInterval(renewal),
  };
}
