import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { printPayGraphSchema } from '../../../src/schema/build-schema.js';

describe('schema/schema.graphql', () => {
  it('is what the code-first schema emits (run `npm run schema` after changing the schema)', async () => {
    const committed = readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(await printPayGraphSchema()).toBe(committed);
  });
});
