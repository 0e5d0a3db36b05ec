import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { printPayGraphSchema, printPayGraphSubgraph } from '../../../src/schema/build-schema.js';

const committed = (file: string) => readFileSync(new URL(`../../../schema/${file}`, import.meta.url), 'utf8');

describe('the committed SDL (run `npm run schema` after changing the schema)', () => {
  it('schema/schema.graphql is what the code-first schema emits', async () => {
    expect(await printPayGraphSchema()).toBe(committed('schema.graphql'));
  });

  it('schema/subgraph.graphql is the federation subgraph the gateway serves', async () => {
    expect(await printPayGraphSubgraph()).toBe(committed('subgraph.graphql'));
  });
});
