import type { ProviderAnswer } from '../../domain/provider-answer.js';
import type { Rejection } from '../../domain/rejection.js';
import { TransactionStatus } from '../../domain/transaction.js';
import { isProviderError, type ProviderError } from './provider-error.js';

export type Refusable<T> = { refused: false; value: T } | { refused: true; rejection: Rejection };

/**
 * What a call resolved with, or the provider's refusal (PROVIDER_REJECTED with a known outcome) as a
 * domain rejection. Any other failure is thrown on, for the executor's one failure classifier.
 */
export async function refusable<T>(
  call: () => Promise<T>,
  rejectionOf: (error: ProviderError) => Rejection,
): Promise<Refusable<T>> {
  try {
    return { refused: false, value: await call() };
  } catch (error) {
    if (!isProviderError(error, 'PROVIDER_REJECTED') || error.outcomeUnknown) throw error;
    return { refused: true, rejection: rejectionOf(error) };
  }
}

/** A money call's answer in provider-neutral terms: a refusal is FAILED with its rejection. */
export async function answerOf<T>(
  call: () => Promise<T>,
  toAnswer: (result: T) => ProviderAnswer,
  rejectionOf: (error: ProviderError) => Rejection,
): Promise<ProviderAnswer> {
  const result = await refusable(call, rejectionOf);
  return result.refused
    ? { status: TransactionStatus.FAILED, rejection: result.rejection }
    : toAnswer(result.value);
}
