import { paisaFromWire } from './digipay-amount.js';
import { SANDBOX_FAILURES, type SandboxFailure } from './digipay-envelope.js';

/** The body fields both top-up endpoints share, checked as strictly as the provider documents them. */
export interface SandboxTopupRequest {
  walletId: string;
  amountPaisa: bigint;
  txnCode: string;
  paymentMode: number;
  note: string | undefined;
}

const MAX_NOTE_LENGTH = 255;

export function parseTopupRequest(body: unknown): SandboxTopupRequest | SandboxFailure {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return SANDBOX_FAILURES.badRequest;
  const fields = body as Record<string, unknown>;
  const { wallet_id: walletId, txn_code: txnCode, payment_mode: paymentMode, note } = fields;
  const amountPaisa = paisaFromWire(fields.txn_amount);
  if (typeof walletId !== 'string' || walletId.trim() === '') return SANDBOX_FAILURES.badRequest;
  if (amountPaisa === undefined) return SANDBOX_FAILURES.badRequest;
  if (typeof txnCode !== 'string' || txnCode.trim() === '') return SANDBOX_FAILURES.badRequest;
  if (typeof paymentMode !== 'number' || !Number.isInteger(paymentMode)) return SANDBOX_FAILURES.badRequest;
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH))
    return SANDBOX_FAILURES.badRequest;
  return { walletId, amountPaisa, txnCode, paymentMode, note };
}

export function isFailure(value: SandboxTopupRequest | SandboxFailure): value is SandboxFailure {
  return 'status' in value;
}
