import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { CardInquiry } from '../../sessions/account.service.js';
import { UserError } from '../common/user-error.type.js';
import {
  checkExpiry,
  checkPan,
  describeExpiryProblem,
  describePanProblem,
  maskPan,
  normalizePan,
} from './card-details.js';
import type { InquireCardBalanceInput } from './inquire-card-balance.input.js';

/** What an IPIN may look like: printable, no spaces; long enough for an encrypted IPIN block. */
const IPIN = /^[\x21-\x7e]{4,512}$/;

/** The card details ready to send, or the userErrors that stop the inquiry before any call. */
export function readCardInput(
  input: InquireCardBalanceInput,
  now: Date,
): { ok: true; card: CardInquiry } | { ok: false; userErrors: UserError[] } {
  const userErrors: UserError[] = [];
  const pan = normalizePan(input.pan);
  const panProblem = checkPan(pan);
  if (panProblem)
    userErrors.push(
      UserError.of(UserErrorCode.INVALID_PAN, describePanProblem(panProblem), ['input', 'pan']),
    );
  const expiry = input.expiry.trim();
  const expiryProblem = checkExpiry(expiry, now);
  if (expiryProblem) {
    userErrors.push(
      UserError.of(UserErrorCode.INVALID_EXPIRY, describeExpiryProblem(expiryProblem), ['input', 'expiry']),
    );
  }
  if (!IPIN.test(input.ipin)) {
    userErrors.push(
      UserError.of(UserErrorCode.INVALID_INPUT, 'ipin must be 4 to 512 characters without spaces', [
        'input',
        'ipin',
      ]),
    );
  }
  if (userErrors.length > 0) return { ok: false, userErrors };
  return { ok: true, card: { pan, ipin: input.ipin, expiry, maskedPan: maskPan(pan) } };
}
