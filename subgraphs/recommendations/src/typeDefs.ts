import { readFileSync } from 'node:fs';
import { gql } from 'graphql-tag';

/** The SDL file is the contract (STYLE §3); it is read once at start. */
export const typeDefs = gql(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
