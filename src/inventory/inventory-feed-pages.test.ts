// The inventory feed compares the channel with what it last published a page at a time on
// PostgreSQL (10,000 rows) and streamed on SQLite: past a page boundary, a second call with
// nothing changed must record nothing (its cursor stays), and a change is recorded once.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dialects } from "../../test/support/test-database.ts";
import { importAndApplyMappings } from "../transfer/apply-mapping-import.ts";
import { stagedHeader, useStagedScope } from "../transfer/staged-test-support.ts";
import { getInventoryFeed } from "./inventory-feed.ts";
import { setStockLevels } from "./set-stock.ts";

describe.each(dialects)("inventory feed past one page on %s", (dialect) => {
  const staged = useStagedScope(dialect);

  it("records nothing when nothing changed, and a change once", async () => {
    const { t, ids, dir } = staged;
    const rows = 10_050;
    const lines = Array.from({ length: rows }, (_, i) => `FEED-${i},${i % 2 === 0 ? "V1" : "V2"},1,,`);
    const path = join(dir, `feed-${dialect}.csv`);
    writeFileSync(path, `${[stagedHeader, ...lines].join("\n")}\n`);
    await importAndApplyMappings(t.db, {
      accountId: ids.accountId,
      channelId: ids.channelId,
      mode: "merge",
      fileName: "feed.csv",
      idempotencyKey: null,
      actorUserId: ids.userId,
      path,
      keepFile: true,
      validRowsOnly: false,
    });
    const scope = { accountId: ids.accountId, channelId: ids.channelId };
    const first = await getInventoryFeed(t.db, scope);
    expect(first.items).toHaveLength(rows);
    const again = await getInventoryFeed(t.db, { ...scope, changedSince: first.cursor });
    expect({ items: again.items.length, cursor: again.cursor }).toEqual({ items: 0, cursor: first.cursor });

    await setStockLevels(t.db, { accountId: ids.accountId, levels: [{ sku: "V2", onHand: 7 }] });
    const changed = await getInventoryFeed(t.db, { ...scope, changedSince: first.cursor });
    expect(changed.items).toHaveLength(rows / 2);
    expect(new Set(changed.items.map((i) => i.quantity))).toEqual(new Set([7]));
    expect(Number(changed.cursor) - Number(first.cursor)).toBe(rows / 2);
    const quiet = await getInventoryFeed(t.db, { ...scope, changedSince: changed.cursor });
    expect({ items: quiet.items.length, cursor: quiet.cursor }).toEqual({ items: 0, cursor: changed.cursor });
  });
});
