import { Provider } from '../../domain/provider.js';
import { TransactionKind } from '../../domain/transaction.js';
import type { UserFailure } from '../../domain/user-failure.js';
import type { Providers } from '../../providers/registry.js';
import { checkAmount } from '../outcomes/amount-checks.js';
import { requireProvider } from '../outcomes/require-provider.js';
import { refused, type MoneyMovementOutcome, type MoneyMovements } from '../transactions/money-movement.js';

export interface CreatePaymentCommand {
  idempotencyKey: string;
  amount: string;
  /** ISO 4217, as given. */
  currency: string;
  description?: string | null;
}

/** Merchant payments at NumeroPay: PENDING until the payer pays, refreshed from its status API when read. */
export class PaymentOperations {
  constructor(
    private readonly providers: Pick<Providers, 'numeropay'>,
    private readonly money: MoneyMovements,
  ) {}

  async createPayment(
    principal: string,
    command: CreatePaymentCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    const numeropay = requireProvider(this.providers.numeropay, Provider.NUMEROPAY);
    const amount = checkAmount(command.amount, { limit: numeropay.amountLimit });
    if (!amount.ok || inputFailures.length > 0)
      return refused([...inputFailures, ...(amount.ok ? [] : [amount.failure])]);
    const description = command.description ?? null;
    return this.money.move({
      principal,
      idempotencyKey: command.idempotencyKey,
      operation: 'createPayment',
      fingerprint: { amount: amount.amount, currency: command.currency, description },
      transaction: {
        provider: Provider.NUMEROPAY,
        kind: TransactionKind.PAYMENT,
        amount: amount.amount,
        currency: command.currency,
        description: description ?? undefined,
      },
      rejectionFields: {},
      send: () =>
        numeropay.createPayment({
          amount: amount.amount,
          currency: command.currency,
          description: description ?? undefined,
        }),
    });
  }
}
