import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: 20,
    description: 'How many items to return; values are clamped to 1 to 100.',
  })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (a previous `endCursor`).',
  })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Builds the `<Name>Edge` and `<Name>Connection` types of a Relay connection over `nodeType`. */
export function ConnectionType<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class EdgeType {
    @Field({ description: 'Cursor of this item, for `after`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, newest first.` })
  class Connection {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Pagination details of this page.' })
    pageInfo!: PageInfo;
  }

  return Connection;
}

/** Builds a page from `limit + 1` rows read after the cursor. */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  cursorOf: (row: R) => string,
  toNode: (row: R) => T,
  hasPreviousPage: boolean,
): { edges: Edge<T>[]; pageInfo: PageInfo } {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Opaque cursors: base64url JSON. A cursor that does not decode yields undefined. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
