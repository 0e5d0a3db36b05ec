/**
 * The simulator's test cards. The document gives one provider error (406, response_code 696
 * SYSTEM_ERROR); the other 406 codes are the card switch's usual ones, chosen for the sandbox.
 */
export interface TestCard {
  pan: string;
  ipin: string;
  /** MMYY, as the inquiry sends it. */
  expiry: string;
  /** What an inquiry with the right IPIN and expiry answers. */
  outcome: { balance: number } | { providerError: ProviderCardError } | { gatewayDown: true };
}

export interface ProviderCardError {
  response_code: number;
  response_message: string;
}

export const CARD_ERRORS = {
  systemError: { response_code: 696, response_message: 'SYSTEM_ERROR' },
  invalidCard: { response_code: 14, response_message: 'INVALID_CARD' },
  incorrectPin: { response_code: 55, response_message: 'INCORRECT_PIN' },
  expiredCard: { response_code: 54, response_message: 'EXPIRED_CARD' },
  duplicateUuid: { response_code: 194, response_message: 'DUPLICATE_TRANSACTION' },
} satisfies Record<string, ProviderCardError>;

export const TEST_CARDS: readonly TestCard[] = [
  { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230', outcome: { balance: 400 } },
  { pan: '5555555555554444', ipin: 'Pq3vX8nL', expiry: '0631', outcome: { balance: 1250.75 } },
  {
    pan: '4000000000000002',
    ipin: 'Zr4kW7tB',
    expiry: '1230',
    outcome: { providerError: CARD_ERRORS.systemError },
  },
  { pan: '4000000000000010', ipin: 'Mn6yC2vD', expiry: '1230', outcome: { gatewayDown: true } },
];

export type InquiryResult =
  | { kind: 'balance'; balance: number }
  | { kind: 'error'; error: ProviderCardError }
  | { kind: 'gateway-down' };

/** Looks a card up the way the switch would: unknown PAN, then IPIN, then expiry. */
export function inquire(
  cards: readonly TestCard[],
  pan: string,
  ipin: string,
  expiry: string,
): InquiryResult {
  const card = cards.find((candidate) => candidate.pan === pan);
  if (!card) return { kind: 'error', error: CARD_ERRORS.invalidCard };
  if (card.ipin !== ipin) return { kind: 'error', error: CARD_ERRORS.incorrectPin };
  if (card.expiry !== expiry) return { kind: 'error', error: CARD_ERRORS.expiredCard };
  if ('balance' in card.outcome) return { kind: 'balance', balance: card.outcome.balance };
  if ('providerError' in card.outcome) return { kind: 'error', error: card.outcome.providerError };
  return { kind: 'gateway-down' };
}
