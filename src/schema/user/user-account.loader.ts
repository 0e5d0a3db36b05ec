import DataLoader from 'dataloader';
import type { UserRecord } from '../../ledger/users.repository.js';
import type { GraphQLContext } from '../context.js';

const loaders = new WeakMap<GraphQLContext, DataLoader<string, UserRecord | undefined>>();

/** The account row of each principal, batched and cached for one request only. */
export function userAccountLoader(context: GraphQLContext): DataLoader<string, UserRecord | undefined> {
  let loader = loaders.get(context);
  if (!loader) {
    const users = context.services.accounts?.users;
    loader = new DataLoader(async (principals) => {
      const records = users ? await users.findByPrincipals(principals) : [];
      const byPrincipal = new Map(records.map((record) => [record.principal, record]));
      return principals.map((principal) => byPrincipal.get(principal));
    });
    loaders.set(context, loader);
  }
  return loader;
}
