import type { Logger } from 'pino';
import { DecryptionError } from '../crypto/data-cipher.js';
import { Provider } from '../domain/provider.js';
import { UserErrorCode } from '../domain/user-error-codes.js';
import { UserStatus } from '../domain/user-status.js';
import type { UserCardRecord, UserCardsRepository } from '../ledger/user-cards.repository.js';
import type { ProviderUserToken, UserRecord, UsersRepository } from '../ledger/users.repository.js';
import type { CardCredentials, EnayaPayDataSource } from '../providers/enayapay/enayapay.data-source.js';
import {
  SESSION_EXPIRED,
  type EnayaPayResult,
  type EnayaPayUserError,
} from '../providers/enayapay/enayapay.mapper.js';
import { OTP_VERIFIED_SCOPE, type IssuedSession, type SessionService } from './session-service.js';

export type AccountResult<T> = EnayaPayResult<T>;

export interface SessionGrant {
  user: UserRecord;
  session: IssuedSession;
}

const NO_ACCOUNT: EnayaPayUserError = {
  code: UserErrorCode.NOT_REGISTERED,
  message: 'The caller has no EnayaPay account; register or log in first.',
};

/**
 * End-user accounts over EnayaPay: registration, OTP verification and login open a PayGraph session;
 * the EnayaPay user token from verification is kept sealed in the users table and used server-side only.
 * Password reset needs a session opened by OTP verification (proof of the phone); change needs the
 * current password. Rate limits are the caller's concern (they depend on the client's address).
 */
export class AccountService {
  constructor(
    private readonly enayapay: EnayaPayDataSource,
    private readonly users: UsersRepository,
    private readonly cards: UserCardsRepository,
    private readonly sessions: SessionService,
    private readonly logger: Logger,
  ) {}

  async register(input: {
    phone: string;
    name: string;
    password: string;
  }): Promise<AccountResult<UserRecord>> {
    const result = await this.enayapay.register(input);
    if (!result.ok) return result;
    const user = await this.users.upsert(Provider.ENAYAPAY, input.phone, {
      name: input.name,
      status: UserStatus.PENDING_VERIFICATION,
    });
    // A new EnayaPay account: a token kept for an earlier one with this phone no longer applies.
    if (user.hasProviderToken) await this.users.clearProviderToken(user.principal);
    return { ok: true, value: { ...user, hasProviderToken: false, providerTokenExpiresAt: undefined } };
  }

  async verify(input: { phone: string; otp: string }): Promise<AccountResult<SessionGrant>> {
    const result = await this.enayapay.verify(input);
    if (!result.ok) return result;
    const user = await this.users.upsert(Provider.ENAYAPAY, input.phone, {
      name: result.value.userName,
      status: UserStatus.ACTIVE,
    });
    await this.users.saveProviderToken(user.principal, result.value.token);
    const session = await this.sessions.issue(user.principal, [OTP_VERIFIED_SCOPE]);
    return { ok: true, value: { user: await this.reload(user.principal), session } };
  }

  async login(input: { phone: string; password: string }): Promise<AccountResult<SessionGrant>> {
    const result = await this.enayapay.login(input);
    if (!result.ok) return result;
    const known = await this.users.findByPhone(Provider.ENAYAPAY, input.phone);
    // EnayaPay reports an unverified account as not active; we know the finer reason.
    const status =
      known?.status === UserStatus.PENDING_VERIFICATION && result.value.status === UserStatus.INACTIVE
        ? UserStatus.PENDING_VERIFICATION
        : result.value.status;
    const user = await this.users.upsert(Provider.ENAYAPAY, input.phone, {
      name: result.value.userName,
      status,
    });
    const session = await this.sessions.issue(user.principal);
    return { ok: true, value: { user, session } };
  }

  /** The caller must hold a session opened by verifyUser (scope otp-verified); the resolver checks it. */
  async resetPassword(principal: string, input: { newPassword: string }): Promise<AccountResult<UserRecord>> {
    return this.withProviderToken(principal, async (user, token) => {
      const result = await this.enayapay.resetPassword(token, {
        phone: user.phone,
        newPassword: input.newPassword,
      });
      if (!result.ok) return result;
      const { userName: name, status } = result.value;
      return { ok: true, value: await this.users.upsert(Provider.ENAYAPAY, user.phone, { name, status }) };
    });
  }

  async changePassword(
    principal: string,
    input: { currentPassword: string; newPassword: string },
  ): Promise<AccountResult<UserRecord>> {
    return this.withProviderToken(principal, async (user, token) => {
      const result = await this.enayapay.changePassword(token, input);
      return result.ok ? { ok: true, value: user } : result;
    });
  }

  /** One balance inquiry; the card is remembered by masked PAN and expiry with its latest balance. */
  async inquireCardBalance(
    principal: string,
    card: CardCredentials & { maskedPan: string },
  ): Promise<AccountResult<UserCardRecord>> {
    return this.withProviderToken(principal, async (_user, token) => {
      const result = await this.enayapay.inquireCardBalance(token, card);
      if (!result.ok) return result;
      const record = await this.cards.recordBalance({
        principal,
        maskedPan: card.maskedPan,
        expiry: card.expiry,
        balance: result.value.balance,
        asOf: result.value.asOf,
      });
      return { ok: true, value: record };
    });
  }

  /**
   * Runs `call` with the user's decrypted EnayaPay token. No account → NOT_REGISTERED; no usable token
   * → SESSION_EXPIRED. A token EnayaPay refuses is forgotten, so the next attempt asks for verification.
   */
  private async withProviderToken<T>(
    principal: string,
    call: (user: UserRecord, token: ProviderUserToken) => Promise<AccountResult<T>>,
  ): Promise<AccountResult<T>> {
    const user = await this.users.findByPrincipal(principal);
    if (!user) return { ok: false, userErrors: [NO_ACCOUNT] };
    let token: ProviderUserToken | undefined;
    try {
      token = await this.users.providerToken(principal);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      this.logger.error({ principal, reason: error.message }, 'stored EnayaPay token cannot be decrypted');
    }
    if (!token) return { ok: false, userErrors: [SESSION_EXPIRED] };
    const result = await call(user, token);
    if (!result.ok && result.userErrors.some((error) => error.code === UserErrorCode.SESSION_EXPIRED)) {
      await this.users.clearProviderToken(principal);
    }
    return result;
  }

  private async reload(principal: string): Promise<UserRecord> {
    const user = await this.users.findByPrincipal(principal);
    if (!user) throw new Error('user row vanished');
    return user;
  }
}
