import { Provider } from '../../domain/provider.js';
import { Rejection } from '../../domain/rejection.js';
import { TransactionKind } from '../../domain/transaction.js';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import type { UserFailure } from '../../domain/user-failure.js';
import type { NupeyeDataSource } from '../../providers/nupeye/nupeye.data-source.js';
import type { Providers } from '../../providers/registry.js';
import type { RejectionFields } from '../outcomes/rejections.js';
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

/** What differs between the two Nupeye movements; the target check and the ledger path are shared. */
interface NupeyeMovement {
  operation: string;
  kind: TransactionKind;
  fingerprint: Record<string, unknown>;
  rejectionFields: RejectionFields;
  send(nupeye: NupeyeDataSource, target: { mobileNumber: string; amount: string }): Promise<ProviderAnswer>;
}

/** Mobile recharges and wallet transfers through Nupeye (no status API: a lost answer stays UNKNOWN). */
export class NupeyeOperations {
  constructor(
    private readonly providers: Pick<Providers, 'nupeye'>,
    private readonly money: MoneyMovements,
  ) {}

  rechargeMobile(
    principal: string,
    command: RechargeMobileCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    return this.move(principal, command, inputFailures, {
      operation: 'rechargeMobile',
      kind: TransactionKind.MOBILE_RECHARGE,
      // The password is no part of the request's identity, and is never stored, not even hashed.
      fingerprint: { nupeyeUserName: command.nupeyeUserName },
      rejectionFields: { ...TARGET_FIELDS, [Rejection.WRONG_CREDENTIALS]: 'nupeyePassword' },
      send: (nupeye, { mobileNumber, amount }) =>
        nupeye.rechargeMobile({
          mobileNumber,
          amount,
          userName: command.nupeyeUserName,
          password: command.nupeyePassword,
        }),
    });
  }

  transferToWallet(
    principal: string,
    command: TransferToNupeyeWalletCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    return this.move(principal, command, inputFailures, {
      operation: 'transferToNupeyeWallet',
      kind: TransactionKind.WALLET_TRANSFER,
      fingerprint: {},
      rejectionFields: TARGET_FIELDS,
      send: (nupeye, target) => nupeye.transferToWallet(target),
    });
  }

  private async move(
    principal: string,
    command: TransferToNupeyeWalletCommand,
    inputFailures: UserFailure[],
    movement: NupeyeMovement,
  ): Promise<MoneyMovementOutcome> {
    const nupeye = requireProvider(this.providers.nupeye, Provider.NUPEYE);
    const target = checkNupeyeTarget(command);
    if (!target.ok || inputFailures.length > 0)
      return refused([...inputFailures, ...(target.ok ? [] : target.failures)]);
    const { mobileNumber, amount } = target;
    return this.money.move({
      principal,
      idempotencyKey: command.idempotencyKey,
      operation: movement.operation,
      fingerprint: { mobileNumber, amount, ...movement.fingerprint },
      transaction: {
        provider: Provider.NUPEYE,
        kind: movement.kind,
        amount,
        currency: nupeye.currency,
        accountRef: mobileNumber,
      },
      rejectionFields: movement.rejectionFields,
      send: () => movement.send(nupeye, { mobileNumber, amount }),
    });
  }
}
