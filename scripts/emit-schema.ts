import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  printPayGraphSchema,
  printPayGraphSubgraph,
  servedSubgraphModule,
} from '../src/schema/schema-artefacts.js';

/**
 * Writes schema/schema.graphql (the API), schema/subgraph.graphql (for federation) and the SDL the gateway
 * serves (src/schema/federation/served-subgraph.generated.ts); tests fail when they drift.
 */
const generated = new URL('../src/schema/federation/served-subgraph.generated.ts', import.meta.url);
const generatedPath = fileURLToPath(generated);
writeFileSync(
  generated,
  await format(await servedSubgraphModule(), {
    ...(await resolveConfig(generatedPath)),
    filepath: generatedPath,
  }),
);
writeFileSync(new URL('../schema/schema.graphql', import.meta.url), await printPayGraphSchema());
writeFileSync(new URL('../schema/subgraph.graphql', import.meta.url), await printPayGraphSubgraph());
console.log(
  'schema/schema.graphql, schema/subgraph.graphql and src/schema/federation/served-subgraph.generated.ts written',
);
