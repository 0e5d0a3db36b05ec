import DataLoader from 'dataloader';
import { accountsOf, type UserAccount } from '../../sessions/account-views.js';
import type { GraphQLContext } from '../context.js';

const loaders = new WeakMap<GraphQLContext, DataLoader<string, UserAccount | undefined>>();

/** The account row of each principal, batched and cached for one request only. */
export function userAccountLoader(context: GraphQLContext): DataLoader<string, UserAccount | undefined> {
  let loader = loaders.get(context);
  if (!loader) {
    const accounts = context.services.accounts;
    loader = new DataLoader((principals) => accountsOf(accounts, principals));
    loaders.set(context, loader);
  }
  return loader;
}
