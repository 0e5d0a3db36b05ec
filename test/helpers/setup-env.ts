// Tests never inherit a developer's provider credentials or database from the shell.
for (const name of Object.keys(process.env)) {
  if (
    /^(NUPEYE|DIGIPAY|NCHL|NUMEROPAY|ENAYAPAY)_|^(DATABASE_URL|REDIS_URL|AUTH_|SESSION_SIGNING_KEY|DATA_ENCRYPTION_KEY)/.test(
      name,
    )
  ) {
    delete process.env[name];
  }
}
process.env.LOG_LEVEL ??= 'silent';
