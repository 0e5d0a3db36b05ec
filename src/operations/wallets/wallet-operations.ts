import { Provider } from '../../domain/provider.js';
import { Rejection } from '../../domain/rejection.js';
import { TransactionKind } from '../../domain/transaction.js';
import type { UserFailure } from '../../domain/user-failure.js';
import type { WalletTopupQuote } from '../../domain/wallet.js';
import type { Providers } from '../../providers/registry.js';
import type { WalletTopupInput } from '../../providers/digipay/digipay.mapper.js';
import { checkAmount } from '../outcomes/amount-checks.js';
import { rejectionFailure, type RejectionFields } from '../outcomes/rejections.js';
import { requireProvider } from '../outcomes/require-provider.js';
import { refused, type MoneyMovementOutcome, type MoneyMovements } from '../transactions/money-movement.js';

export interface TopupQuoteCommand {
  walletId: string;
  amount: string;
  txnCode: string;
  paymentMode: number;
}

export interface TopupWalletCommand extends TopupQuoteCommand {
  idempotencyKey: string;
  note?: string | null;
}

export interface QuoteOutcome {
  quote: WalletTopupQuote | null;
  userErrors: UserFailure[];
}

const REJECTION_FIELDS: RejectionFields = { [Rejection.ACCOUNT_NOT_FOUND]: 'walletId' };

/** DigiPay wallet top-ups and their quotes (no status API: a lost answer stays UNKNOWN). */
export class WalletOperations {
  constructor(
    private readonly providers: Pick<Providers, 'digipay'>,
    private readonly money: MoneyMovements,
  ) {}

  /** The charges DigiPay would add to a top-up. Moves no money and records nothing. */
  async quoteTopup(command: TopupQuoteCommand, inputFailures: UserFailure[] = []): Promise<QuoteOutcome> {
    const digipay = requireProvider(this.providers.digipay, Provider.DIGIPAY);
    const amount = checkAmount(command.amount, { limit: digipay.amountLimit });
    if (!amount.ok || inputFailures.length > 0)
      return { quote: null, userErrors: [...inputFailures, ...(amount.ok ? [] : [amount.failure])] };
    const answer = await digipay.quoteTopup(topupOf(command, amount.amount));
    return answer.refused
      ? { quote: null, userErrors: [rejectionFailure(answer.rejection, Provider.DIGIPAY, REJECTION_FIELDS)] }
      : { quote: answer.value, userErrors: [] };
  }

  async topupWallet(
    principal: string,
    command: TopupWalletCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    const digipay = requireProvider(this.providers.digipay, Provider.DIGIPAY);
    const amount = checkAmount(command.amount, { limit: digipay.amountLimit });
    if (!amount.ok || inputFailures.length > 0)
      return refused([...inputFailures, ...(amount.ok ? [] : [amount.failure])]);
    const topup = topupOf(command, amount.amount);
    return this.money.move({
      principal,
      idempotencyKey: command.idempotencyKey,
      operation: 'topupWallet',
      fingerprint: topup,
      transaction: {
        provider: Provider.DIGIPAY,
        kind: TransactionKind.WALLET_TOPUP,
        amount: topup.amount,
        currency: digipay.currency,
        accountRef: topup.walletId,
        description: topup.note,
        metadata: { txnCode: topup.txnCode, paymentMode: topup.paymentMode },
      },
      rejectionFields: REJECTION_FIELDS,
      send: () => digipay.topupWallet(topup),
    });
  }
}

function topupOf(command: TopupWalletCommand | TopupQuoteCommand, amount: string): WalletTopupInput {
  const note = 'note' in command ? (command.note ?? undefined) : undefined;
  return {
    walletId: command.walletId,
    amount,
    txnCode: command.txnCode,
    paymentMode: command.paymentMode,
    ...(note !== undefined ? { note } : {}),
  };
}
