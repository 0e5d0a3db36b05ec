import { paisaShare, paisaToWire } from './digipay-amount.js';

/** Payment modes the sandbox knows, with how each is charged. */
const PAYMENT_MODES: ReadonlyMap<number, (amountPaisa: bigint) => bigint> = new Map([
  [1, () => 500n], // bank transfer: flat 5.00
  [2, (amount: bigint) => paisaShare(amount, 15n, 1000n)], // card: 1.5 %
  [3, () => 0n], // agent cash deposit: free
]);

/** Transaction codes the sandbox company is set up for; `CIB` is the provider's own example. */
export const SANDBOX_TXN_CODES: ReadonlySet<string> = new Set(['CIB', 'EBK']);

const VAT_PERCENT = 13n;

export function isKnownPaymentMode(mode: number): boolean {
  return PAYMENT_MODES.has(mode);
}

export interface SandboxChargesInfo {
  total_charges: number;
  charges: { name: string; amount: number }[];
}

/** The charges of a top-up: a service charge by payment mode, plus VAT on it. Free modes have no lines. */
export function chargesFor(amountPaisa: bigint, paymentMode: number): SandboxChargesInfo {
  const serviceCharge = PAYMENT_MODES.get(paymentMode)?.(amountPaisa) ?? 0n;
  if (serviceCharge === 0n) return { total_charges: 0, charges: [] };
  const vat = paisaShare(serviceCharge, VAT_PERCENT, 100n);
  return {
    total_charges: paisaToWire(serviceCharge + vat),
    charges: [
      { name: 'Service charge', amount: paisaToWire(serviceCharge) },
      { name: 'VAT', amount: paisaToWire(vat) },
    ],
  };
}
