/** Where an end user's account stands. */
export enum UserStatus {
  /** Registered; the phone number has not been confirmed with the OTP yet. */
  PENDING_VERIFICATION = 'PENDING_VERIFICATION',
  ACTIVE = 'ACTIVE',
  /** The provider reports the account as not active (blocked, not verified, closed …). */
  INACTIVE = 'INACTIVE',
}
