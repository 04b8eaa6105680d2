import { readFileSync } from 'node:fs';
import { gql } from 'graphql-tag';

/**
 * The hand-written SDL file is the contract: the supergraph is composed from it and the resolver
 * types are generated from it. It is read once at start.
 */
export const typeDefs = gql(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
