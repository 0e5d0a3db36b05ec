// graphql-codegen plugin: the persisted-operation manifest (sha256 of the canonical document → document)
// of every operation in schema/operations. The canonical form is the gateway's own
// (src/server/security/operation-hash.ts): the operation, then the fragments it uses by name, each printed
// by graphql-js, joined by a blank line. A test checks that both agree.
import { createHash } from 'node:crypto';
import { Kind, print, visit } from 'graphql';

export function plugin(_schema, documents) {
  const definitions = documents.flatMap((file) => (file.document ? file.document.definitions : []));
  const fragments = new Map(
    definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const manifest = {};
  for (const operation of definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
    const used = fragmentsUsedBy(operation, fragments);
    const text = [operation, ...[...used].sort().map((name) => fragments.get(name))]
      .map((definition) => print(definition))
      .join('\n\n');
    manifest[createHash('sha256').update(text).digest('hex')] = text;
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function fragmentsUsedBy(node, fragments, used = new Set()) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (used.has(name) || !fragments.has(name)) return;
      used.add(name);
      fragmentsUsedBy(fragments.get(name), fragments, used);
    },
  });
  return used;
}
