import { readDatabase } from '../src/config/database.config.js';
import { readDataEncryptionKeys } from '../src/config/session.config.js';
import { DataCipher } from '../src/crypto/data-cipher.js';
import { openDatabase } from '../src/ledger/database.js';
import { UsersRepository } from '../src/ledger/users.repository.js';

/**
 * `npm run reencrypt`: seals every stored provider token again under the current DATA_ENCRYPTION_KEY,
 * opening those an older key sealed with DATA_ENCRYPTION_KEY_PREVIOUS. Run it after a rotation, before
 * the old key leaves DATA_ENCRYPTION_KEY_PREVIOUS. Safe to rerun and to run beside serving gateways: a row
 * already under the current key is skipped, and a row changed meanwhile is left to the gateway that
 * changed it. Prints counts only (never a value); exits 1 when some token no key opens.
 */
async function main(): Promise<number> {
  const keys = readDataEncryptionKeys(process.env);
  const cipher = new DataCipher(keys.current, keys.previous);
  const db = openDatabase(readDatabase(process.env));
  try {
    const report = await new UsersRepository(db, cipher).resealProviderTokens();
    console.log(JSON.stringify({ keyId: cipher.keyId, ...report }));
    if (report.unreadable > 0) {
      console.error(
        `${report.unreadable} stored token(s) open with no key of the keyring: left as they are (those users verify again)`,
      );
      return 1;
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : 'unknown error';
    console.error(`re-encryption failed: ${reason}`);
    process.exitCode = 1;
  },
);
