import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';

export interface ConsoleTab {
  query: string;
  variables?: string;
  headers?: string;
}

const FIRST_TAB = `# PayGraph console: the Headers tab holds your sandbox token. Press run.
# The other tabs hold the example operations (schema/operations).
query Ready {
  providers {
    provider
    state
  }
  transactions(first: 3) {
    edges {
      node {
        id
        status
        amount {
          amount
          currency
        }
      }
    }
  }
}
`;

/**
 * One tab per example file, each completed with the fragments it uses from other files so that it runs as
 * it is. Without schema/operations (an image that left it out) only the first tab is shown.
 */
export function exampleTabs(folder: URL): ConsoleTab[] {
  if (!existsSync(folder)) return [{ query: FIRST_TAB }];
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, folder), 'utf8'));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const text of files) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
  }
  const tabs = files.map((text) => {
    const definitions = parse(text).definitions;
    const missing = [...fragmentsUsed(definitions, fragments)].filter(
      (name) => !definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name),
    );
    const appended = missing.sort().map((name) => print(fragments.get(name)!));
    return { query: [text.trimEnd(), ...appended].join('\n\n') + '\n' };
  });
  return [{ query: FIRST_TAB }, ...tabs];
}

function fragmentsUsed(
  definitions: readonly DefinitionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  used = new Set<string>(),
): Set<string> {
  for (const definition of definitions) {
    visit(definition, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (used.has(name) || !fragment) return;
        used.add(name);
        fragmentsUsed([fragment], fragments, used);
      },
    });
  }
  return used;
}
