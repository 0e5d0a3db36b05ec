import { Provider } from '../../domain/provider.js';
import { Rejection } from '../../domain/rejection.js';
import { TransactionKind } from '../../domain/transaction.js';
import type { UserFailure } from '../../domain/user-failure.js';
import type { Providers } from '../../providers/registry.js';
import { requireProvider } from '../outcomes/require-provider.js';
import { refused, type MoneyMovementOutcome, type MoneyMovements } from '../transactions/money-movement.js';
import { checkNupeyeTarget } from './nupeye-target.js';

export interface RechargeMobileCommand {
  idempotencyKey: string;
  mobileNumber: string;
  amount: string;
  nupeyeUserName: string;
  /** Passed to Nupeye for this call only: never stored, hashed, logged or returned. */
  nupeyePassword: string;
}

export interface TransferToNupeyeWalletCommand {
  idempotencyKey: string;
  mobileNumber: string;
  amount: string;
}

const TARGET_FIELDS = {
  [Rejection.NOT_REGISTERED]: 'mobileNumber',
  [Rejection.INVALID_PHONE]: 'mobileNumber',
  [Rejection.INVALID_AMOUNT]: 'amount',
};

/** Mobile recharges and wallet transfers through Nupeye (no status API: a lost answer stays UNKNOWN). */
export class NupeyeOperations {
  constructor(
    private readonly providers: Pick<Providers, 'nupeye'>,
    private readonly money: MoneyMovements,
  ) {}

  async rechargeMobile(
    principal: string,
    command: RechargeMobileCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    const nupeye = requireProvider(this.providers.nupeye, Provider.NUPEYE);
    const target = checkNupeyeTarget(command);
    if (!target.ok || inputFailures.length > 0)
      return refused([...inputFailures, ...(target.ok ? [] : target.failures)]);
    const { mobileNumber, amount } = target;
    return this.money.move({
      principal,
      idempotencyKey: command.idempotencyKey,
      operation: 'rechargeMobile',
      // The password is no part of the request's identity, and is never stored, not even hashed.
      fingerprint: { mobileNumber, amount, nupeyeUserName: command.nupeyeUserName },
      transaction: {
        provider: Provider.NUPEYE,
        kind: TransactionKind.MOBILE_RECHARGE,
        amount,
        currency: nupeye.currency,
        accountRef: mobileNumber,
      },
      rejectionFields: { ...TARGET_FIELDS, [Rejection.WRONG_CREDENTIALS]: 'nupeyePassword' },
      send: () =>
        nupeye.rechargeMobile({
          mobileNumber,
          amount,
          userName: command.nupeyeUserName,
          password: command.nupeyePassword,
        }),
    });
  }

  async transferToWallet(
    principal: string,
    command: TransferToNupeyeWalletCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    const nupeye = requireProvider(this.providers.nupeye, Provider.NUPEYE);
    const target = checkNupeyeTarget(command);
    if (!target.ok || inputFailures.length > 0)
      return refused([...inputFailures, ...(target.ok ? [] : target.failures)]);
    const { mobileNumber, amount } = target;
    return this.money.move({
      principal,
      idempotencyKey: command.idempotencyKey,
      operation: 'transferToNupeyeWallet',
      fingerprint: { mobileNumber, amount },
      transaction: {
        provider: Provider.NUPEYE,
        kind: TransactionKind.WALLET_TRANSFER,
        amount,
        currency: nupeye.currency,
        accountRef: mobileNumber,
      },
      rejectionFields: TARGET_FIELDS,
      send: () => nupeye.transferToWallet({ mobileNumber, amount }),
    });
  }
}
