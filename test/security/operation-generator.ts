import fc from 'fast-check';
import {
  OperationTypeNode,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** Argument values the generator may use, by `Type.field.argument`; drawn afresh for every use. */
export type ArgumentSamples = Record<string, fc.Arbitrary<unknown>>;

interface Argument {
  name: string;
  type: string;
  value: unknown;
  asVariable: boolean;
}

type Selection =
  | { kind: 'field'; name: string; alias?: string; args: Argument[]; children: Selection[] }
  | { kind: 'fragment'; on: string; children: Selection[] };

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
  /** `Type.field` of every field selected, for coverage. */
  fields: string[];
}

const PAGE_SIZE = ['first', 'last'];

/**
 * Operations over the schema: from a root type, a random subset of the fields whose required arguments
 * have samples, each maybe aliased twice, page sizes as literals or variables (in and out of range),
 * abstract types through inline fragments on their members, down to `depth`.
 */
export function operations(
  schema: GraphQLSchema,
  kind: 'query' | 'mutation',
  samples: ArgumentSamples,
  options: {
    depth: number;
    rootFields?: number;
    /** A root field every operation selects. */ include?: string;
  },
): fc.Arbitrary<GeneratedOperation> {
  const root = schema.getRootType(kind === 'query' ? OperationTypeNode.QUERY : OperationTypeNode.MUTATION)!;
  const usable = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>) =>
    !field.name.startsWith('__') &&
    field.args.every(
      (arg) =>
        sampleOf(parent, field, arg) !== undefined ||
        !isNonNullType(arg.type) ||
        arg.defaultValue !== undefined,
    );

  const sampleOf = (
    parent: GraphQLCompositeType,
    field: GraphQLField<unknown, unknown>,
    arg: GraphQLArgument,
  ) => {
    const sample = samples[`${parent.name}.${field.name}.${arg.name}`];
    if (sample) return sample;
    if (PAGE_SIZE.includes(arg.name)) return fc.integer({ min: -5, max: 150 });
    return undefined;
  };

  const argumentsOf = (
    parent: GraphQLCompositeType,
    field: GraphQLField<unknown, unknown>,
  ): fc.Arbitrary<Argument[]> =>
    fc
      .tuple(
        ...field.args.map((arg) => {
          const sample = sampleOf(parent, field, arg);
          if (!sample) return fc.constant(undefined);
          const given = fc
            .record({ value: sample, asVariable: fc.boolean() })
            .map(({ value, asVariable }) => ({
              name: arg.name,
              type: String(arg.type),
              value,
              asVariable,
            }));
          // Optional arguments are sometimes left out (their default applies).
          return isNonNullType(arg.type) && arg.defaultValue === undefined
            ? given
            : fc.option(given, { nil: undefined });
        }),
      )
      .map((args) => args.filter((arg): arg is Argument => arg !== undefined));

  const selectionsOf = (
    type: GraphQLCompositeType,
    depth: number,
    breadth: number,
  ): fc.Arbitrary<Selection[]> => {
    if (isAbstractType(type)) {
      const members = schema.getPossibleTypes(type).filter((member) => canSelect(member, depth));
      return fc.subarray(members, { minLength: 1, maxLength: 2 }).chain((chosen) =>
        fc.tuple(
          ...chosen.map((member) =>
            selectionsOf(member, depth, breadth).map((children): Selection => ({
              kind: 'fragment',
              on: member.name,
              children,
            })),
          ),
        ),
      );
    }
    const candidates = fieldsOf(type, depth);
    return fc
      .subarray(candidates, { minLength: 1, maxLength: Math.min(breadth, candidates.length) })
      .chain((chosen) => fc.tuple(...chosen.map((field) => copiesOf(type, field, depth))))
      .map((groups) => groups.flat());
  };

  const selectable = new Map<string, boolean>();
  /** Whether a selection set of `type` can be built within `depth` levels. */
  const canSelect = (type: GraphQLCompositeType, depth: number): boolean => {
    const memo = `${type.name}:${depth}`;
    if (!selectable.has(memo)) {
      selectable.set(memo, false);
      const members = isAbstractType(type) ? schema.getPossibleTypes(type) : [type as GraphQLObjectType];
      selectable.set(memo, depth >= 1 && members.some((member) => fieldsOf(member, depth).length > 0));
    }
    return selectable.get(memo)!;
  };

  const fieldsOf = (type: GraphQLCompositeType, depth: number) => {
    if (!('getFields' in type)) return [];
    return Object.values((type as GraphQLObjectType).getFields()).filter((field) => {
      if (!usable(type, field)) return false;
      const named = getNamedType(field.type);
      return isLeafType(named) || (isCompositeType(named) && canSelect(named, depth - 1));
    });
  };

  let aliases = 0;
  const copiesOf = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, depth: number) => {
    const one = fc
      .tuple(
        argumentsOf(parent, field),
        isCompositeType(getNamedType(field.type))
          ? selectionsOf(getNamedType(field.type) as GraphQLCompositeType, depth - 1, depth > 3 ? 3 : 2)
          : fc.constant([] as Selection[]),
      )
      .map(([args, children]): Selection => ({ kind: 'field', name: field.name, args, children }));
    return fc
      .integer({ min: 1, max: 2 })
      .chain((count) => fc.tuple(...Array.from({ length: count }, () => one)))
      .map((copies) =>
        copies.map((copy, index) =>
          index === 0 && copies.length === 1 ? copy : { ...copy, alias: `a${(aliases += 1)}` },
        ),
      );
  };

  const included = options.include
    ? copiesOf(root, root.getFields()[options.include]!, options.depth)
    : fc.constant([] as Selection[]);
  return fc
    .tuple(included, selectionsOf(root, options.depth, options.rootFields ?? 3))
    .map(([first, rest]) => print(kind, root, [...first, ...rest], schema));
}

function print(
  kind: 'query' | 'mutation',
  root: GraphQLObjectType,
  selections: Selection[],
  schema: GraphQLSchema,
): GeneratedOperation {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const fields: string[] = [];
  const printSet = (set: Selection[], parent: string): string =>
    `{ ${set
      .map((selection) => {
        if (selection.kind === 'fragment')
          return `... on ${selection.on} ${printSet(selection.children, selection.on)}`;
        fields.push(`${parent}.${selection.name}`);
        const args = selection.args.map((arg) => {
          if (!arg.asVariable) return `${arg.name}: ${literal(arg.value)}`;
          const name = `v${definitions.length}`;
          definitions.push(`$${name}: ${arg.type}`);
          variables[name] = arg.value;
          return `${arg.name}: $${name}`;
        });
        const head = `${selection.alias ? `${selection.alias}: ` : ''}${selection.name}${args.length ? `(${args.join(', ')})` : ''}`;
        if (selection.children.length === 0) return head;
        const type = getNamedType(
          (schema.getType(parent) as GraphQLObjectType).getFields()[selection.name]!.type,
        ).name;
        return `${head} ${printSet(selection.children, type)}`;
      })
      .join(' ')} }`;
  const body = printSet(selections, root.name);
  const header = definitions.length ? `${kind}(${definitions.join(', ')})` : kind;
  return { query: `${header} ${body}`, variables, fields };
}

/** A JSON value as a GraphQL literal (object keys unquoted, strings JSON-quoted). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `${key}: ${literal(inner)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}
