import {
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';
import type { Provider } from '../../domain/provider.js';

type FieldDecorator = ReturnType<typeof Extensions>;

/** Provider calls, by provider. */
export type ProviderCallCounts = Partial<Record<Provider, number>>;

declare module 'graphql' {
  interface GraphQLFieldExtensions<_TSource, _TContext, _TArgs> {
    /** Calls one resolution of the field makes (first attempts: read retries and token renewals aside). */
    providerCalls?: ProviderCallCounts;
    /** Nothing resolved below this field reaches a provider, though the same types elsewhere may. */
    noProviderCallsBelow?: boolean;
  }
}

/**
 * Declares, on a field, query or mutation, the provider calls one resolution of it makes: the budget
 * of every operation is computed from these declarations (times the page sizes around the field).
 */
export function ProviderCalls(calls: ProviderCallCounts): FieldDecorator {
  return Extensions({ providerCalls: calls });
}

/**
 * Declares that nothing below this field reaches a provider, though its types may elsewhere (a wallet's
 * transactions are DigiPay and Nupeye ones, and neither provider has a status API).
 */
export function NoProviderCallsBelow(): FieldDecorator {
  return Extensions({ noProviderCallsBelow: true });
}

/**
 * Carries the declarations of `source` (the schema type-graphql built) onto the same fields of `target`
 * (the subgraph schema built from its SDL, where extensions are lost); returns `target`.
 */
export function withProviderCallDeclarations(target: GraphQLSchema, source: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(source.getTypeMap())) {
    const into = target.getType(type.name);
    if (!hasFields(type) || !into || !hasFields(into)) continue;
    const fields = into.getFields();
    for (const field of Object.values(type.getFields())) {
      const { providerCalls, noProviderCallsBelow } = field.extensions;
      const same = fields[field.name];
      if (!same || (providerCalls === undefined && noProviderCallsBelow === undefined)) continue;
      same.extensions = { ...same.extensions, providerCalls, noProviderCallsBelow };
    }
  }
  return target;
}

function hasFields(type: GraphQLNamedType): type is GraphQLNamedType & {
  getFields(): Record<string, GraphQLField<unknown, unknown>>;
} {
  return isObjectType(type) || isInterfaceType(type);
}
