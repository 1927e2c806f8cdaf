// For the tests of locks between writers: a transaction of its own that takes a lock and keeps it
// until the test releases it.
import type { Db } from "../../src/db/database.ts";

/** Runs `lock` in a transaction of its own; answers once it holds the lock, the transaction open. */
export async function holdInTransaction(
  db: Db,
  lock: (trx: Db) => Promise<unknown>,
): Promise<{ release: () => Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = db.transaction().execute(async (trx) => {
    await lock(trx);
    locked();
    await held;
  });
  await Promise.race([isLocked, done]);
  return {
    release: async () => {
      release();
      await done;
    },
  };
}
