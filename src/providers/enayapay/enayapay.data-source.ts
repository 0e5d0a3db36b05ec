import { randomUUID } from 'node:crypto';
import type { EnayaPayConfig } from '../../config/enayapay.config.js';
import type { Money } from '../../domain/money.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { userTokenUsable, type EnayaPayUserToken } from './enayapay.auth.js';
import { EnayaPayClient } from './enayapay.client.js';
import {
  mapBalanceInquiry,
  mapChangePassword,
  mapLogin,
  mapRegister,
  mapResetPassword,
  mapVerify,
  SESSION_EXPIRED,
  type EnayaPayAccount,
  type EnayaPayResult,
} from './enayapay.mapper.js';

export const ENAYAPAY_CURRENCY = 'SDG';

/** Card details for one inquiry; validated by the caller, used for this call only. */
export interface CardCredentials {
  pan: string;
  ipin: string;
  /** MMYY */
  expiry: string;
}

export interface CardBalance {
  balance: Money;
  asOf: Date;
}

export interface EnayaPayDataSourceOptions {
  /** Epoch milliseconds; tests share one clock with the simulator. */
  now?: () => number;
  newUuid?: () => string;
}

/**
 * What the account and card resolvers call. Expected failures come back as userErrors; failures of the
 * system (our API key refused, an unreadable answer, transport errors) are thrown as ProviderError.
 * A user token past its expiry is refused here, without a call, because EnayaPay cannot refresh it.
 */
export class EnayaPayDataSource {
  private readonly client: EnayaPayClient;
  private readonly now: () => number;
  private readonly newUuid: () => string;

  constructor(config: EnayaPayConfig, deps: ProviderDeps, options: EnayaPayDataSourceOptions = {}) {
    this.client = new EnayaPayClient(config, deps);
    this.now = options.now ?? Date.now;
    this.newUuid = options.newUuid ?? randomUUID;
  }

  async register(input: { phone: string; name: string; password: string }): Promise<EnayaPayResult<void>> {
    return mapRegister(
      await this.client.register({
        user_phone: input.phone,
        user_name: input.name,
        user_password: input.password,
      }),
    );
  }

  async verify(input: {
    phone: string;
    otp: string;
  }): Promise<EnayaPayResult<{ userName: string; token: EnayaPayUserToken }>> {
    return mapVerify(await this.client.verify({ user_phone: input.phone, user_otp: input.otp }));
  }

  async login(input: { phone: string; password: string }): Promise<EnayaPayResult<EnayaPayAccount>> {
    return mapLogin(await this.client.login({ user_phone: input.phone, user_password: input.password }));
  }

  async resetPassword(
    token: EnayaPayUserToken,
    input: { phone: string; newPassword: string },
  ): Promise<EnayaPayResult<EnayaPayAccount>> {
    if (!userTokenUsable(token, new Date(this.now()))) return { ok: false, userErrors: [SESSION_EXPIRED] };
    return mapResetPassword(
      await this.client.resetPassword(token, { user_phone: input.phone, user_password: input.newPassword }),
    );
  }

  async changePassword(
    token: EnayaPayUserToken,
    input: { currentPassword: string; newPassword: string },
  ): Promise<EnayaPayResult<void>> {
    if (!userTokenUsable(token, new Date(this.now()))) return { ok: false, userErrors: [SESSION_EXPIRED] };
    return mapChangePassword(
      await this.client.changePassword(token, {
        current_password: input.currentPassword,
        new_password: input.newPassword,
      }),
    );
  }

  /** One inquiry under a fresh uuid; the card details go to EnayaPay and nowhere else. */
  async inquireCardBalance(
    token: EnayaPayUserToken,
    card: CardCredentials,
  ): Promise<EnayaPayResult<CardBalance>> {
    if (!userTokenUsable(token, new Date(this.now()))) return { ok: false, userErrors: [SESSION_EXPIRED] };
    const uuid = this.newUuid();
    const response = await this.client.balanceInquiry(token, {
      pan: card.pan,
      ipin: card.ipin,
      uuid,
      expiration_date: card.expiry,
    });
    const result = mapBalanceInquiry(response, uuid);
    if (!result.ok) return result;
    return {
      ok: true,
      value: {
        balance: { amount: result.value.balance, currency: ENAYAPAY_CURRENCY },
        asOf: new Date(this.now()),
      },
    };
  }
}
