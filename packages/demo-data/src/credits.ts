import type { DemoCredit } from './types.ts';

/** Helpers that keep the catalogue's credit lists short and uniformly shaped. */

export function directedBy(...personIds: string[]): DemoCredit[] {
  return personIds.map((personId) => ({ personId, role: 'DIRECTOR' }));
}

export function writtenBy(...personIds: string[]): DemoCredit[] {
  return personIds.map((personId) => ({ personId, role: 'WRITER' }));
}

export function scoredBy(...personIds: string[]): DemoCredit[] {
  return personIds.map((personId) => ({ personId, role: 'COMPOSER' }));
}

/** Billed cast in billing order: each entry is a person id followed by the character name(s). */
export function starring(...cast: [personId: string, ...characters: string[]][]): DemoCredit[] {
  return cast.map(([personId, ...characters], index) => ({
    personId,
    role: 'ACTOR',
    characters,
    billingOrder: index + 1,
  }));
}
