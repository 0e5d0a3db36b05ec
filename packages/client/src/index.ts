// The typed client of PayGraph: one typed document per operation of the gateway's schema/operations
// (generated into ./gql by the client-preset), fragment masking, and a small fetch-based executor.
export * from './gql/index.js';
export * from './gql/graphql.js';
export { createPayGraphClient } from './client.js';
export type { PayGraphClient, PayGraphClientOptions, PayGraphError, PayGraphResult } from './client.js';
