// lockMappingWrites: a second mapping writer of the channel waits for the first transaction to
// end, while a listing made in the channel meanwhile (its foreign-key check reads the channel row)
// does not wait. On SQLite the lock is nothing: the one writing connection runs one at a time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdInTransaction } from "../../test/support/hold-lock.ts";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { dialects } from "../../test/support/test-database.ts";
import { createListing } from "../listings/create-listing.ts";
import { lockMappingWrites } from "./channel-version.ts";
import { createChannel } from "./create-channel.ts";

/** Whether `work` settles within `ms` (it is left running either way). */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(dialects.filter((d) => d === "postgres"))(
  "the channel's mapping write lock on %s",
  (dialect) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(() => t.close());

    it("makes a second writer wait for the first to commit, but not a new listing of the channel", async () => {
      const { db } = t.database;
      const { accountId } = t;
      const channel = await createChannel(db, {
        accountId,
        channel: { name: "Locked shop", kind: "sales", platform: "generic" },
      });
      const first = await holdInTransaction(db, (trx) => lockMappingWrites(trx, accountId, channel.id));

      const listing = createListing(db, {
        accountId,
        channelId: channel.id,
        listing: { channelSku: "LOCK-1", type: "single" },
      });
      expect(await settlesWithin(listing, 5000)).toBe(true);

      const second = db.transaction().execute((trx) => lockMappingWrites(trx, accountId, channel.id));
      expect(await settlesWithin(second, 300)).toBe(false);
      await first.release();
      expect(await settlesWithin(second, 5000)).toBe(true);
    });
  },
);
