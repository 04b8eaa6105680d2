import { parser } from '@prometheus-io/lezer-promql';

/** One series selector of a PromQL expression: the metric it names and the labels it matches on. */
export interface SelectorUse {
  metric: string;
  matchedLabels: string[];
}

export interface PromqlReading {
  selectors: SelectorUse[];
  /** Labels in `by (…)`, `without (…)`, `on (…)` and `ignoring (…)` clauses. */
  groupingLabels: string[];
  /** Syntax errors and constructs a static reading cannot follow, one line each. */
  problems: string[];
}

/**
 * Reads a PromQL expression with Prometheus's own grammar (the parser behind its web UI's
 * editor): the metric each selector names and the labels the expression uses. A selector that
 * names its metric only through a `__name__` matcher is reported as a problem, since the metric
 * it reads could not be checked.
 */
export function readPromql(expression: string): PromqlReading {
  const selectors: SelectorUse[] = [];
  const groupingLabels: string[] = [];
  const problems: string[] = [];
  const text = (from: number, to: number) => expression.slice(from, to);
  const cursor = parser.parse(expression).cursor();
  let current: SelectorUse | undefined;
  let selectorEnd = -1;
  let groupingEnd = -1;
  do {
    const { name, from, to } = cursor.node;
    if (cursor.type.isError) {
      problems.push(`syntax error at ${from}: …${text(Math.max(0, from - 20), from + 20)}…`);
    } else if (name === 'VectorSelector') {
      current = { metric: '', matchedLabels: [] };
      selectors.push(current);
      selectorEnd = to;
    } else if (name === 'Identifier' && current !== undefined && from < selectorEnd) {
      current.metric = text(from, to);
    } else if (name === 'GroupingLabels') {
      groupingEnd = to;
    } else if (name === 'LabelName' && from < groupingEnd) {
      groupingLabels.push(text(from, to));
    } else if (name === 'LabelName' && current !== undefined && from < selectorEnd) {
      const label = text(from, to);
      if (label === '__name__') problems.push(`a __name__ matcher in ${text(from, selectorEnd)}`);
      current.matchedLabels.push(label);
    }
  } while (cursor.next());
  for (const selector of selectors) {
    if (selector.metric === '') problems.push('a selector without a metric name');
  }
  return { selectors, groupingLabels, problems };
}
