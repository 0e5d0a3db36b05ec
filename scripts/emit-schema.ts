import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printPayGraphSchema, printPayGraphSubgraph } from '../src/schema/build-schema.js';

/** Writes schema/schema.graphql (the API) and schema/subgraph.graphql (for federation); tests fail when they drift. */
writeFileSync(new URL('../schema/schema.graphql', import.meta.url), await printPayGraphSchema());
writeFileSync(new URL('../schema/subgraph.graphql', import.meta.url), await printPayGraphSubgraph());
console.log('schema/schema.graphql and schema/subgraph.graphql written');
