import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { NchlConfig } from '../../config/nchl.config.js';
import { generateSandboxKeyPairAsync, type SandboxKeyPair } from './nchl.keys.js';
import type { NchlTokenLifetimes } from './nchl.oauth.js';
import { NchlSimulator, type NchlSimulatorOptions } from './nchl.simulator.js';

export { NchlSimulator } from './nchl.simulator.js';

export interface NchlSandboxOptions {
  logger?: Logger;
  port?: number;
  lifetimes?: Partial<NchlTokenLifetimes>;
  otpLifetimeSeconds?: number;
  notification?: NchlSimulatorOptions['notification'];
  withdrawDataEncoding?: NchlSimulatorOptions['withdrawDataEncoding'];
  now?: () => number;
}

export interface NchlSandbox {
  simulator: NchlSimulator;
  config: NchlConfig;
  /** `thirdParty` signs requests (ours); `nchl` signs notifications (NCHL's, certificate included). */
  keys: { thirdParty: SandboxKeyPair; nchl: SandboxKeyPair };
}

/**
 * Starts the NCHL simulator with fresh credentials and two fresh key pairs, and returns the gateway
 * configuration that talks to it. Notifications go nowhere until
 * `notifyGateway` (or `simulator.setNotificationTarget`) names the receiver.
 */
export async function startNchlSandbox(options: NchlSandboxOptions = {}): Promise<NchlSandbox> {
  const [thirdParty, nchl] = await Promise.all([
    generateSandboxKeyPairAsync('paygraph-sandbox'),
    generateSandboxKeyPairAsync('npi-sandbox.nchl.com.np'),
  ]);
  const secret = () => randomBytes(18).toString('base64url');
  const credentials = {
    clientId: 'paygraph-sandbox',
    clientSecret: secret(),
    username: 'paygraph',
    password: secret(),
  };
  const notify = { username: 'nchl-notify', password: secret() };
  const userId = 'PAYGRAPH01';

  const simulator = new NchlSimulator({
    logger: options.logger,
    credentials,
    userId,
    requestVerificationKey: createPublicKey(thirdParty.publicKeyPem),
    notificationSigningKey: createPrivateKey(nchl.privateKeyPem),
    lifetimes: options.lifetimes,
    otpLifetimeSeconds: options.otpLifetimeSeconds,
    notification: options.notification,
    withdrawDataEncoding: options.withdrawDataEncoding,
    now: options.now,
  });
  const baseUrl = await simulator.start(options.port ?? 0);
  const config: NchlConfig = {
    baseUrl,
    ...credentials,
    userId,
    signingKey: createPrivateKey(thirdParty.privateKeyPem),
    // The key of NCHL's certificate (`keys.nchl.certificatePem`, made on demand).
    notificationPublicKey: createPublicKey(nchl.publicKeyPem),
    notifyUsername: notify.username,
    notifyPassword: notify.password,
    timeoutMs: 15_000,
    tokenRefreshSkewMs: 30_000,
    reconcileAfterMs: 300_000,
    reconcileIntervalMs: 60_000,
  };
  return { simulator, config, keys: { thirdParty, nchl } };
}

/** Points the simulator's notifications at a gateway listening on `gatewayOrigin`. */
export function notifyGateway(sandbox: NchlSandbox, gatewayOrigin: string): void {
  sandbox.simulator.setNotificationTarget({
    url: `${gatewayOrigin.replace(/\/+$/, '')}/cardless/thirdparty/notification`,
    username: sandbox.config.notifyUsername,
    password: sandbox.config.notifyPassword,
  });
}
