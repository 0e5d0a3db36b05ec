import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A user as the EnayaPay simulator keeps it, in memory. */
export interface SimulatedUser {
  /** The provider's own user id, carried in the token as `username`. */
  id: string;
  phone: string;
  name: string;
  passwordHash: Buffer;
  verified: boolean;
  otp?: { code: string; expiresAt: number };
  /** Tokens issued by verify and not revoked; a token must be in this set to be accepted. */
  tokens: Set<string>;
}

/** Sudanese mobile numbers in international form without "+": 2499XXXXXXXX or the 2491[12] ranges. */
const SUDAN_MOBILE = /^(2499\d{8}|2491[12]\d{7})$/;

export function isValidSudanMobile(phone: string): boolean {
  return SUDAN_MOBILE.test(phone);
}

/** The simulator's user store: registration, OTPs, passwords and the tokens it has issued. */
export class SimulatedUsers {
  private readonly byPhone = new Map<string, SimulatedUser>();
  private nextId = 575_307;

  constructor(
    private readonly otpTtlMs: number,
    private readonly now: () => number,
  ) {}

  get(phone: string): SimulatedUser | undefined {
    return this.byPhone.get(phone);
  }

  findById(id: string): SimulatedUser | undefined {
    for (const user of this.byPhone.values()) if (user.id === id) return user;
    return undefined;
  }

  create(phone: string, name: string, password: string): SimulatedUser {
    const user: SimulatedUser = {
      id: String(this.nextId++),
      phone,
      name,
      passwordHash: hashPassword(password),
      verified: false,
      tokens: new Set(),
    };
    this.byPhone.set(phone, user);
    return user;
  }

  /** Issues a fresh six-digit OTP, replacing any earlier one. */
  issueOtp(user: SimulatedUser): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    user.otp = { code, expiresAt: this.now() + this.otpTtlMs };
    return code;
  }

  /** Consumes the OTP when it matches and has not expired. */
  consumeOtp(user: SimulatedUser, code: string): boolean {
    const otp = user.otp;
    if (!otp || this.now() > otp.expiresAt || !sameText(otp.code, code)) return false;
    user.otp = undefined;
    user.verified = true;
    return true;
  }

  passwordMatches(user: SimulatedUser, password: string): boolean {
    return timingSafeEqual(user.passwordHash, hashPassword(password));
  }

  setPassword(user: SimulatedUser, password: string): void {
    user.passwordHash = hashPassword(password);
  }

  clear(): void {
    this.byPhone.clear();
  }
}

function hashPassword(password: string): Buffer {
  return createHash('sha256').update(password, 'utf8').digest();
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
