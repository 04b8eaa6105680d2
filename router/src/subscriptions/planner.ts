import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** Plans kept per operation text: clients resubscribe with the same few documents. */
const MAX_CACHED_PLANS = 500;

export interface SubscriptionPlanner {
  /** The public schema clients validate against (what the gateway serves). */
  schema: GraphQLSchema;
  apiSchema: Schema;
  /** The supergraph schema the gateway's executor shapes fetched data with. */
  supergraphSchema: GraphQLSchema;
  /** Each subgraph's name and the URL the supergraph records for it. */
  subgraphs: readonly { name: string; url: string }[];
  plan(document: DocumentNode, operationName: string | undefined, cacheKey: string): QueryPlan;
}

/**
 * The same query planner the gateway builds from the same supergraph, for operations the
 * gateway plans but does not execute (subscriptions).
 */
export function createSubscriptionPlanner(supergraphSdl: string): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  const plans = new Map<string, QueryPlan>();
  return {
    schema: apiSchema.toGraphQLJSSchema(),
    apiSchema,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    subgraphs: supergraph.subgraphsMetadata(),
    plan(document, operationName, cacheKey) {
      const key = `${operationName ?? ''}\n${cacheKey}`;
      const cached = plans.get(key);
      if (cached !== undefined) return cached;
      const plan = planner.buildQueryPlan(
        operationFromDocument(
          apiSchema,
          document,
          operationName === undefined ? {} : { operationName },
        ),
      );
      if (plans.size >= MAX_CACHED_PLANS) plans.delete(plans.keys().next().value as string);
      plans.set(key, plan);
      return plan;
    },
  };
}
