import type { Logger } from 'pino';
import { DecryptionError } from '../crypto/data-cipher.js';
import type { Principal } from '../domain/principal.js';
import { Provider } from '../domain/provider.js';
import { UserErrorCode } from '../domain/user-error-codes.js';
import { UserStatus } from '../domain/user-status.js';
import type { UserCardRecord, UserCardsRepository } from '../ledger/user-cards.repository.js';
import type { ProviderUserToken, UserRecord, UsersRepository } from '../ledger/users.repository.js';
import type { CardCredentials, EnayaPayDataSource } from '../providers/enayapay/enayapay.data-source.js';
import { SESSION_EXPIRED } from '../providers/enayapay/enayapay.mapper.js';
import { accountFailure, type AccountResult, type AccountUserError } from './account-results.js';
import type { SessionLifecycle } from './session-lifecycle.js';
import { OTP_VERIFIED_SCOPE, type IssuedSession } from './session-service.js';

export type { AccountResult, AccountUserError } from './account-results.js';
export type { CardCredentials } from '../providers/enayapay/enayapay.data-source.js';

/** A card as an inquiry sends it: the details for EnayaPay, and the masked PAN it is remembered by. */
export type CardInquiry = CardCredentials & { maskedPan: string };

/** A user with a session: opened by verification or login, or the fresh one after a credential change. */
export interface SessionGrant {
  user: UserRecord;
  session: IssuedSession;
}

const NO_ACCOUNT: AccountUserError = {
  code: UserErrorCode.NOT_REGISTERED,
  message: 'The caller has no EnayaPay account; register or log in first.',
};
const NOT_VERIFIED: AccountUserError = {
  code: UserErrorCode.NOT_VERIFIED,
  message:
    'EnayaPay reports this account as not verified: confirm the phone number with the one-time password (verifyUser) first.',
  field: 'phone',
};
const SESSION_PREDATES_VERIFICATION: AccountUserError = {
  code: UserErrorCode.NOT_VERIFIED,
  message:
    "The user's EnayaPay session is used only with a PayGraph session issued after the phone was verified; log in again.",
};

/**
 * End-user accounts over EnayaPay. Only an account that has proved its phone gets a session: verifyUser
 * (the OTP) or loginUser once EnayaPay reports the account active. The EnayaPay user token from
 * verification is kept sealed in the users table, used server-side only, and only by sessions issued
 * after that verification. Verifying, resetting or changing the password moves the user's credential
 * version, which ends every earlier session; the caller gets a fresh one. Password reset needs a session
 * opened by OTP verification (proof of the phone); change needs the current password. Rate limits are
 * the caller's concern (they depend on the client's address).
 */
export class AccountService {
  constructor(
    private readonly enayapay: EnayaPayDataSource,
    private readonly users: UsersRepository,
    private readonly cards: UserCardsRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly logger: Logger,
  ) {}

  async register(input: {
    phone: string;
    name: string;
    password: string;
  }): Promise<AccountResult<UserRecord>> {
    const result = await this.enayapay.register(input);
    if (!result.ok) return result;
    const known = await this.users.findByPhone(Provider.ENAYAPAY, input.phone);
    const user = await this.users.upsert(Provider.ENAYAPAY, input.phone, {
      name: input.name,
      status: UserStatus.PENDING_VERIFICATION,
    });
    if (known) {
      // A new EnayaPay account for a phone we knew: the token and sessions of the earlier one end.
      if (user.hasProviderToken) await this.users.clearProviderToken(user.principal);
      await this.lifecycle.endAll(user.principal);
    }
    return { ok: true, value: await this.reload(user.principal) };
  }

  async verify(input: { phone: string; otp: string }): Promise<AccountResult<SessionGrant>> {
    const result = await this.enayapay.verify(input);
    if (!result.ok) return result;
    const user = await this.users.upsert(Provider.ENAYAPAY, input.phone, {
      name: result.value.userName,
      status: UserStatus.ACTIVE,
    });
    const version = await this.users.recordVerification(user.principal, result.value.token);
    await this.lifecycle.announceVersion(user.principal, version);
    const session = await this.lifecycle.open(user.principal, version, [OTP_VERIFIED_SCOPE]);
    return { ok: true, value: { user: await this.reload(user.principal), session } };
  }

  async login(input: { phone: string; password: string }): Promise<AccountResult<SessionGrant>> {
    const result = await this.enayapay.login(input);
    if (!result.ok) return result;
    const known = await this.users.findByPhone(Provider.ENAYAPAY, input.phone);
    if (result.value.status !== UserStatus.ACTIVE) {
      // EnayaPay reports an unverified account as not active; we may know the finer reason.
      const status =
        known?.status === UserStatus.PENDING_VERIFICATION
          ? UserStatus.PENDING_VERIFICATION
          : UserStatus.INACTIVE;
      await this.users.upsert(Provider.ENAYAPAY, input.phone, { name: result.value.userName, status });
      return accountFailure(NOT_VERIFIED);
    }
    const user = await this.users.upsert(Provider.ENAYAPAY, input.phone, {
      name: result.value.userName,
      status: UserStatus.ACTIVE,
    });
    const session = await this.lifecycle.open(user.principal, user.credentialVersion);
    return { ok: true, value: { user, session } };
  }

  /** The caller must hold a session opened by verifyUser (scope otp-verified); the resolver checks it. */
  async resetPassword(
    caller: Principal,
    input: { newPassword: string },
  ): Promise<AccountResult<SessionGrant>> {
    return this.withProviderToken(caller, async (user, token) => {
      const result = await this.enayapay.resetPassword(token, {
        phone: user.phone,
        newPassword: input.newPassword,
      });
      if (!result.ok) return result;
      const { userName: name, status } = result.value;
      const updated = await this.users.upsert(Provider.ENAYAPAY, user.phone, { name, status });
      return { ok: true, value: { user: updated, session: await this.lifecycle.renew(caller) } };
    });
  }

  async changePassword(
    caller: Principal,
    input: { currentPassword: string; newPassword: string },
  ): Promise<AccountResult<SessionGrant>> {
    return this.withProviderToken(caller, async (user, token) => {
      const result = await this.enayapay.changePassword(token, input);
      if (!result.ok) return result;
      return { ok: true, value: { user, session: await this.lifecycle.renew(caller) } };
    });
  }

  /** One balance inquiry; the card is remembered by masked PAN and expiry with its latest balance. */
  async inquireCardBalance(caller: Principal, card: CardInquiry): Promise<AccountResult<UserCardRecord>> {
    return this.withProviderToken(caller, async (_user, token) => {
      const result = await this.enayapay.inquireCardBalance(token, card);
      if (!result.ok) return result;
      const record = await this.cards.recordBalance({
        principal: caller.id,
        maskedPan: card.maskedPan,
        expiry: card.expiry,
        balance: result.value.balance,
        asOf: result.value.asOf,
      });
      return { ok: true, value: record };
    });
  }

  /**
   * Runs `call` with the user's decrypted EnayaPay token. No account → NOT_REGISTERED; a caller that is
   * not a session issued after the verification that produced the token → NOT_VERIFIED; no usable token
   * → SESSION_EXPIRED. A token EnayaPay refuses is forgotten, so the next attempt asks for verification.
   */
  private async withProviderToken<T>(
    caller: Principal,
    call: (user: UserRecord, token: ProviderUserToken) => Promise<AccountResult<T>>,
  ): Promise<AccountResult<T>> {
    const user = await this.users.findByPrincipal(caller.id);
    if (!user) return accountFailure(NO_ACCOUNT);
    if (!caller.session || caller.session.credentialVersion < user.providerTokenVersion) {
      return accountFailure(SESSION_PREDATES_VERIFICATION);
    }
    let token: ProviderUserToken | undefined;
    try {
      token = await this.users.providerToken(caller.id);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      this.logger.error(
        { principal: caller.id, reason: error.message },
        'stored EnayaPay token cannot be decrypted',
      );
    }
    if (!token) return accountFailure(SESSION_EXPIRED);
    const result = await call(user, token);
    if (!result.ok && result.userErrors.some((error) => error.code === UserErrorCode.SESSION_EXPIRED)) {
      await this.users.clearProviderToken(caller.id);
    }
    return result;
  }

  private async reload(principal: string): Promise<UserRecord> {
    const user = await this.users.findByPrincipal(principal);
    if (!user) throw new Error('user row vanished');
    return user;
  }
}
