import type { DestinationStream, Logger } from 'pino';
import { readAppConfig, type AppConfig } from '../config/app.config.js';
import { readProvidersConfig } from '../config/providers.config.js';
import { withFileSecrets, type Env } from '../config/env.js';
import { ensureSandboxAuthSecret } from '../config/sandbox-auth-secret.js';
import { readSessionConfig } from '../config/session.config.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import type { PayGraphApp } from './app.js';
import { createLogger } from '../observability/logger.js';
import type { Services } from './services.js';

export interface GatewayOptions {
  env: Env;
  /** Where log lines go (stdout when absent); tests capture them. */
  logDestination?: DestinationStream;
}

export interface Gateway {
  /** Base URL the gateway listens on, e.g. http://127.0.0.1:4000. */
  url: string;
  /** Base URL of /metrics when it has a port of its own (METRICS_PORT). */
  metricsUrl: string | undefined;
  config: AppConfig;
  logger: Logger;
  services: Services;
  http: PayGraphApp;
  /** The in-process simulators, in sandbox mode. */
  sandbox: Sandbox | undefined;
  /** Readiness fails, in-flight requests finish, then everything closes. */
  close(): Promise<void>;
  /**
   * SIGTERM: readiness fails at once while requests are still served for `drainMs` (default
   * SHUTDOWN_DRAIN_MS), so load balancers stop routing here first; then close(). Called again during
   * the drain, it ends the drain at once.
   */
  shutdown(drainMs?: number): Promise<void>;
}

let servingModules: Promise<(typeof import('./serving-modules.js'))['serving']> | undefined;

/** Loaded once, while the sandbox's simulators start and generate their keys off the main thread. */
function loadServingModules() {
  servingModules ??= import('./serving-modules.js').then((modules) => modules.serving);
  return servingModules;
}

/** Starts a gateway: configuration → (sandbox simulators) → ledger → providers → HTTP server. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const env = withFileSecrets(options.env);
  const config = readAppConfig(env);
  const logger = createLogger(config.logLevel, options.logDestination);
  if (config.mode === 'sandbox' && !config.auth.jwtSecret && !config.auth.jwksUrl) {
    config.auth.jwtSecret = ensureSandboxAuthSecret(config.database);
  }
  config.sessions = readSessionConfig(env, config.mode, config.database);
  const providersConfig = config.mode === 'live' ? readProvidersConfig(env) : undefined;
  const sandboxStarting = config.mode === 'sandbox' ? startSandbox({ logger }) : undefined;
  // Settled at once, so that a failure of one does not leave the other unobserved.
  const [modules, sandboxStarted] = await Promise.allSettled([loadServingModules(), sandboxStarting]);
  const sandbox = sandboxStarted.status === 'fulfilled' ? sandboxStarted.value : undefined;
  try {
    if (sandboxStarted.status === 'rejected') throw sandboxStarted.reason;
    if (modules.status === 'rejected') throw modules.reason;
    const { createApp, createServices, PendingRecovery, createNchlReconciler } = modules.value;
    const services = await createServices(config, sandbox?.providers ?? providersConfig ?? {}, logger);
    const recovery = new PendingRecovery(
      services.ledger.transactions,
      logger,
      config.pendingRecoveryAfterMs,
      [services.operations.numeropayReconciliation],
    );
    await recovery.runOnce();
    recovery.start();
    const http = await createApp(services);
    await http.app.listen({ port: config.port, host: config.host });
    const metricsAt = await http.metricsApp?.listen({ port: config.metricsPort, host: config.host });
    const reconciler = createNchlReconciler({
      nchl: services.providers.nchl,
      repository: services.ledger.withdrawals,
      withdrawals: services.operations.withdrawals,
      logger,
    });
    reconciler?.start();
    const address = http.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    sandbox?.connectGateway(`http://${host}:${port}`);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        http.lifecycle.draining = true;
        recovery.stop();
        await reconciler?.stop();
        await http.app.close();
        await http.metricsApp?.close();
        await services.db.destroy();
        await services.shared.close();
        await sandbox?.stop();
      })());
    let endDrain: (() => void) | undefined;
    let shuttingDown: Promise<void> | undefined;
    const shutdown = (drainMs = config.shutdownDrainMs) => {
      if (shuttingDown) {
        endDrain?.();
        return shuttingDown;
      }
      http.lifecycle.draining = true;
      const drained = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, drainMs);
        endDrain = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      shuttingDown = drained.then(close);
      return shuttingDown;
    };
    const metricsUrl = metricsAt && `http://${host}:${new URL(metricsAt).port}`;
    return {
      url: `http://${host}:${port}`,
      metricsUrl,
      config,
      logger,
      services,
      http,
      sandbox,
      close,
      shutdown,
    };
  } catch (error) {
    await sandbox?.stop();
    throw error;
  }
}
