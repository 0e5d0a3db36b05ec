import type { UserCardCursor, UserCardRecord } from '../ledger/user-cards.repository.js';
import type { UserRecord } from '../ledger/users.repository.js';
import type { Accounts } from './create-accounts.js';

/** What the schema shows of an end user and of a card they inquired; never a provider token. */
export type UserAccount = UserRecord;
export type CardRecord = UserCardRecord;
export type CardCursor = UserCardCursor;

/** The account of each principal, in order; undefined for principals without one (or without accounts). */
export async function accountsOf(
  accounts: Accounts | undefined,
  principals: readonly string[],
): Promise<(UserAccount | undefined)[]> {
  const records = accounts ? await accounts.users.findByPrincipals(principals) : [];
  const byPrincipal = new Map(records.map((record) => [record.principal, record]));
  return principals.map((principal) => byPrincipal.get(principal));
}

/** Up to `limit` of the principal's cards, most recently inquired first, after `after`. */
export async function cardsOf(
  accounts: Accounts | undefined,
  principal: string,
  limit: number,
  after?: CardCursor,
): Promise<CardRecord[]> {
  return accounts ? accounts.cards.list(principal, limit, after) : [];
}

/** One of the principal's own cards; undefined for anyone else's. */
export async function cardOf(
  accounts: Accounts | undefined,
  principal: string,
  id: string,
): Promise<CardRecord | undefined> {
  return accounts?.cards.findById(principal, id);
}
