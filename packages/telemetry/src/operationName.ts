/** Distinct operation names one service labels metrics with; later names count as `other`. */
export const MAX_OPERATION_NAMES = 200;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Bounds the `operation` label: a client chooses operation names, and each distinct one is a
 * time series Prometheus keeps. Only names of operations that passed validation (the caller says
 * so) are used, the first MAX_OPERATION_NAMES per service; the rest are `other`, unnamed ones
 * `anonymous`.
 */
export function createOperationNames(max = MAX_OPERATION_NAMES) {
  const seen = new Set<string>();
  return (name: string | null | undefined, validated: boolean): string => {
    if (!validated) return 'other';
    if (name === null || name === undefined || name === '') return 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= max || !GRAPHQL_NAME.test(name)) return 'other';
    seen.add(name);
    return name;
  };
}
