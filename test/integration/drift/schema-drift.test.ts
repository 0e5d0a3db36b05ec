import { describe, expect, it } from '@jest/globals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { readFileSync } from 'node:fs';
import { buildPayGraphSchema } from '../../../src/schema/build-schema.js';
import { SERVED_TYPE_DEFS, SERVICE_SDL } from '../../../src/schema/federation/served-subgraph.generated.js';
import {
  buildReferenceSubgraph,
  printPayGraphSchema,
  printPayGraphSubgraph,
  servedSubgraphArtefact,
} from '../../../src/schema/schema-artefacts.js';

const committed = (file: string) => readFileSync(new URL(`../../../schema/${file}`, import.meta.url), 'utf8');

/** What `_service { sdl }` answers on a schema. */
async function serviceSdlOf(schema: Awaited<ReturnType<typeof buildPayGraphSchema>>): Promise<unknown> {
  const service = schema.getQueryType()?.getFields()['_service'];
  return ((await service?.resolve?.(undefined, {}, undefined, undefined as never)) as { sdl?: unknown })?.sdl;
}

describe('the committed SDL (run `npm run schema` after changing the schema)', () => {
  it('schema/schema.graphql is what the code-first schema emits', async () => {
    expect(await printPayGraphSchema()).toBe(committed('schema.graphql'));
  });

  it('schema/subgraph.graphql is the federation subgraph the gateway serves', async () => {
    expect(await printPayGraphSubgraph()).toBe(committed('subgraph.graphql'));
    expect(await printPayGraphSubgraph(buildPayGraphSchema())).toBe(committed('subgraph.graphql'));
  });

  it('the generated served SDL is what buildSubgraphSchema makes of the code-first schema', async () => {
    const artefact = await servedSubgraphArtefact();
    expect(SERVED_TYPE_DEFS).toBe(artefact.typeDefs);
    expect(SERVICE_SDL).toBe(artefact.serviceSdl);
  });

  it('the served schema equals the one buildSubgraphSchema builds, directives and _service included', async () => {
    const [served, reference] = await Promise.all([buildPayGraphSchema(), buildReferenceSubgraph()]);
    expect(printSchemaWithDirectives(served)).toBe(printSchemaWithDirectives(reference));
    expect(printSubgraphSchema(served)).toBe(printSubgraphSchema(reference));
    expect(await serviceSdlOf(served)).toBe(await serviceSdlOf(reference));
    // Every field resolves as it does there: the same resolver (or none) on every field of every type.
    for (const type of Object.values(reference.getTypeMap())) {
      const same = served.getType(type.name);
      expect(same?.constructor).toBe(type.constructor);
      const wiring = (of: unknown) => {
        const { extensions, resolveType } = of as {
          extensions?: { apollo?: { subgraph?: { resolveReference?: unknown } } };
          resolveType?: unknown;
        };
        return [typeof extensions?.apollo?.subgraph?.resolveReference, typeof resolveType];
      };
      expect([type.name, ...wiring(same)]).toEqual([type.name, ...wiring(type)]);
      if (!('getFields' in type) || !same || !('getFields' in same)) continue;
      const fields = same.getFields() as Record<string, { resolve?: unknown; subscribe?: unknown }>;
      for (const [name, field] of Object.entries(
        type.getFields() as Record<string, { resolve?: unknown; subscribe?: unknown }>,
      )) {
        expect([type.name, name, typeof fields[name]?.resolve, typeof fields[name]?.subscribe]).toEqual([
          type.name,
          name,
          typeof field.resolve,
          typeof field.subscribe,
        ]);
      }
    }
  });
});
