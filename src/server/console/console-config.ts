import { ConfigError } from '../../config/config-error.js';
import type { AppConfig } from '../../config/app.config.js';
import type { Env } from '../../config/provider-section.js';

export interface ConsoleConfig {
  enabled: boolean;
  /** In sandbox the page carries a ready operator token, so it is served only to loopback host names. */
  prefillToken: boolean;
}

/** The console is on outside production, and in production only with CONSOLE_ENABLED=true. */
export function readConsoleConfig(env: Env, config: AppConfig): ConsoleConfig {
  const raw = env.CONSOLE_ENABLED?.trim().toLowerCase();
  if (raw !== undefined && raw !== '' && raw !== 'true' && raw !== 'false')
    throw new ConfigError('CONSOLE_ENABLED must be "true" or "false"');
  const enabled = raw === 'true' || (!config.production && raw !== 'false');
  return {
    enabled,
    prefillToken:
      enabled && !config.production && config.mode === 'sandbox' && Boolean(config.auth.jwtSecret),
  };
}
