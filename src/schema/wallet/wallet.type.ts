import { WalletKey } from '../../domain/wallet.js';
import { Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../domain/global-id.js';
import { Provider } from '../../domain/provider.js';
import type { TransactionKind } from '../../domain/transaction.js';
import { CurrencyScalar } from '../common/currency.scalar.js';
import { Node } from '../common/node.interface.js';
import '../common/enums.js';

@ObjectType('Wallet', {
  implements: Node,
  description:
    'A provider wallet the user has moved money to through PayGraph: a DigiPay wallet (topped up) or a Nupeye wallet (transferred to).',
})
export class Wallet extends Node {
  @Field(() => Provider, { description: 'The provider that holds the wallet.' })
  provider!: Provider;

  @Field({
    description:
      "The provider's id of the wallet: the DigiPay wallet id, or the mobile number of a Nupeye wallet.",
  })
  walletId!: string;

  @Field(() => CurrencyScalar, { description: 'The currency of the amounts moved to the wallet.' })
  currency!: string;

  @Field({ description: 'When the user last moved money to the wallet through PayGraph.' })
  lastUsedAt!: Date;

  /** The kind of the transactions that use this wallet, for the transactions field. */
  kind!: TransactionKind;

  static of(key: WalletKey, kind: TransactionKind, currency: string, lastUsedAt: string): Wallet {
    return Object.assign(new Wallet(), {
      id: toGlobalId('Wallet', walletLocalId(key)),
      provider: key.provider,
      walletId: key.walletId,
      currency,
      lastUsedAt: new Date(lastUsedAt),
      kind,
    });
  }
}

/** The local part of a wallet's global id; wallet ids of different providers may coincide. */
export function walletLocalId(key: WalletKey): string {
  return `${key.provider}:${key.walletId}`;
}

export function parseWalletLocalId(localId: string): WalletKey | undefined {
  const separator = localId.indexOf(':');
  const provider = localId.slice(0, separator) as Provider;
  const walletId = localId.slice(separator + 1);
  if (separator <= 0 || walletId === '' || !Object.values(Provider).includes(provider)) return undefined;
  return { provider, walletId };
}
