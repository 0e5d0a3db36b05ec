import type { LedgerDb } from './database.js';

/** `prepare` run once per ledger, its result kept as long as the ledger is. */
export function perLedger<T>(prepare: (db: LedgerDb) => T): (db: LedgerDb) => T {
  const prepared = new WeakMap<LedgerDb, T>();
  return (db) => {
    let value = prepared.get(db);
    if (value === undefined) {
      value = prepare(db);
      prepared.set(db, value);
    }
    return value;
  };
}
