import type { NumeroPayConfig } from '../../config/numeropay.config.js';
import type { TransactionStatus } from '../../domain/transaction.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import type { TransactionStatusSource } from '../../domain/ports/transaction-status-source.js';
import type { AmountLimit } from '../../domain/money.js';
import { startInSlices } from '../shared/event-loop-slices.js';
import { Provider } from '../../domain/provider.js';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { Rejection } from '../../domain/rejection.js';
import { answerOf } from '../shared/answer.js';
import { beforeSending } from '../shared/provider-error.js';
import { amountLimit, wireAmount, wireCurrency } from './numeropay.amount.js';
import { NumeroPayClient, type NumeroPayClientOptions } from './numeropay.client.js';
import { paymentFromTransaction, statesFromStatuses } from './numeropay.mapper.js';
import type {
  CreateNumeroPayPaymentInput,
  NumeroPayPayment,
  NumeroPayPaymentFilters,
} from './numeropay.payment.js';

/** What resolvers call for NumeroPay payments: our types in, our types out. */
export class NumeroPayDataSource implements TransactionStatusSource {
  private readonly client: NumeroPayClient;

  constructor(
    private readonly config: NumeroPayConfig,
    deps: ProviderDeps,
    options: NumeroPayClientOptions = {},
  ) {
    this.client = new NumeroPayClient(config, deps, options);
  }

  /** The business name every payment of this gateway is made under (NumeroPay lists by it). */
  get businessName(): string {
    return this.config.businessName;
  }

  /** Why NumeroPay cannot take this amount (its JSON number must carry it exactly), if it cannot. */
  readonly amountLimit: AmountLimit = amountLimit;

  /**
   * Creates a payment for the configured merchant and business name: PENDING until the payer pays. An
   * amount or currency NumeroPay cannot take fails as NotSentError, before anything is sent.
   */
  async createPayment(input: CreateNumeroPayPaymentInput): Promise<ProviderAnswer> {
    const body = await beforeSending(Provider.NUMEROPAY, () => ({
      amount: wireAmount(input.amount),
      currency: wireCurrency(input.currency),
      description: input.description,
      merchant: this.config.merchantId,
      businessName: this.config.businessName,
    }));
    return answerOf(
      () => this.client.createTransaction(body),
      (transaction) => {
        const payment = paymentFromTransaction(transaction);
        return { status: payment.status, providerReference: payment.providerReference };
      },
      (error) => (error.providerCode === 'BAD_REQUEST' ? Rejection.INVALID_REQUEST : Rejection.DECLINED),
    );
  }

  async getPayment(providerReference: string): Promise<NumeroPayPayment> {
    return paymentFromTransaction(await this.client.getTransaction(providerReference));
  }

  /**
   * A DataLoader batch function: one call per distinct reference, all in parallel, answers in the order
   * asked; a failed lookup is its Error in place.
   */
  async getPayments(providerReferences: readonly string[]): Promise<(NumeroPayPayment | Error)[]> {
    const distinct = [...new Set(providerReferences)];
    // One GET per id, started in slices of the event loop: a page of 100 started at once held it.
    const started = await startInSlices(distinct, (reference) =>
      this.getPayment(reference).catch((error: unknown) =>
        error instanceof Error ? error : new Error(String(error)),
      ),
    );
    const lookups = new Map(distinct.map((reference, index) => [reference, started[index]!]));
    return Promise.all(providerReferences.map((reference) => lookups.get(reference)!));
  }

  /** Current statuses for ledger reconciliation and live status, in the order asked. */
  async fetchStatuses(providerReferences: readonly string[]): Promise<(TransactionStatus | Error)[]> {
    const payments = await this.getPayments(providerReferences);
    return payments.map((payment) => (payment instanceof Error ? payment : payment.status));
  }

  async listPayments(filters: NumeroPayPaymentFilters = {}): Promise<NumeroPayPayment[]> {
    if (filters.limit !== undefined && !(Number.isInteger(filters.limit) && filters.limit > 0))
      throw new RangeError('limit must be a positive integer');
    const states = filters.statuses && statesFromStatuses(filters.statuses);
    if (states && states.length === 0) return [];
    const transactions = await this.client.listTransactions({
      limit: filters.limit,
      from: filters.createdAtOrBefore && Math.floor(filters.createdAtOrBefore.getTime() / 1000),
      status: states,
      businessName: filters.businessNames,
    });
    return transactions.map(paymentFromTransaction);
  }
}
