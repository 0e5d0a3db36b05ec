/**
 * DigiPay puts amounts on the wire as JSON numbers. The simulator keeps them as integer paisa so that its
 * charges and balances never depend on floating-point arithmetic.
 */
export function paisaFromWire(value: unknown): bigint | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  // The shortest round-trip text of a double is exactly what the sender wrote for up to 15 digits.
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!match) return undefined;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

export function paisaToWire(paisa: bigint): number {
  const sign = paisa < 0n ? '-' : '';
  const abs = paisa < 0n ? -paisa : paisa;
  return Number(`${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`);
}

/** `paisa × numerator / denominator`, rounded half up to the paisa. */
export function paisaShare(paisa: bigint, numerator: bigint, denominator: bigint): bigint {
  return (paisa * numerator * 2n + denominator) / (denominator * 2n);
}

export function formatPaisa(paisa: bigint): string {
  return `${paisa / 100n}.${(paisa % 100n).toString().padStart(2, '0')}`;
}
