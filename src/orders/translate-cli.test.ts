/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// `crosswalk translate` and `crosswalk feed` run as separate processes against a SQLite file the
// API wrote, and the order-file parser's accepted and rejected inputs.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";
import { makeChannel, makeProduct, mappingsUrl } from "../mappings/mapping-test-helpers.ts";
import { parseOrderFile } from "./parse-order-file.ts";

const mainPath = new URL("../cli/main.ts", import.meta.url).pathname;

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", mainPath, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("parseOrderFile", () => {
  it("reads JSON lines", () => {
    expect(
      parseOrderFile({ text: '{"lines":[{"channelSku":"A","quantity":2}]}', fileName: "o.json" }),
    ).toEqual([{ channelSku: "A", quantity: 2 }]);
  });

  it("reads CSV with a BOM, any header spelling, optional seller and ref", () => {
    const text = "\uFEFFChannel SKU;Quantity;seller-id;REF\r\nA;2;s1;r1\r\nB;1;;\r\n";
    expect(parseOrderFile({ text, fileName: "o.csv" })).toEqual([
      { channelSku: "A", quantity: 2, sellerId: "s1", ref: "r1" },
      { channelSku: "B", quantity: 1 },
    ]);
  });

  it("names the row of a bad quantity and a missing column", () => {
    expect(() => parseOrderFile({ text: "channel_sku,quantity\nA,1\nB,0\n", fileName: "o.csv" })).toThrow(
      /row 3 quantity/,
    );
    expect(() => parseOrderFile({ text: "channel_sku,quantity\nA,1.5\n", fileName: "o.csv" })).toThrow(
      /row 2/,
    );
    expect(() => parseOrderFile({ text: "sku,qty\nA,1\n", fileName: "o.csv" })).toThrow(
      /channel_sku and quantity/,
    );
  });
});

describe("translate and feed commands on sqlite", () => {
  let t: TestApp;
  let channelId: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp("sqlite");
    dir = join(t.database.sqlitePath!, "..");
    channelId = await makeChannel(t);
    await makeProduct(t, ["CL-A", "CL-B"]);
    const kit = await t.as.editor.post(mappingsUrl(t, channelId), {
      channelSku: "KIT",
      components: [
        { sku: "CL-A", quantity: 1 },
        { sku: "CL-B", quantity: 3 },
      ],
    });
    expect(kit.status, kit.text).toBe(201);
    await t.as.editor.post(`/api/v1/accounts/${t.accountId}/stock`, {
      levels: [
        { sku: "CL-A", onHand: 5 },
        { sku: "CL-B", onHand: 9 },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("translates a CSV file", () => {
    const file = join(dir, "order.csv");
    writeFileSync(file, "channel_sku,quantity,ref\nKIT,2,x\nNOPE,1,y\n");
    const result = runCli([
      "--db",
      t.database.sqlitePath!,
      "translate",
      "--account",
      t.accountId,
      "--channel",
      channelId,
      file,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.lines.map((l: any) => l.status)).toEqual(["mapped", "unmapped"]);
    expect(output.totals).toEqual([
      { sku: "CL-A", quantity: 2 },
      { sku: "CL-B", quantity: 6 },
    ]);
  });

  it("fails with exit code 1 and the row on a bad file", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, '{"lines":[{"channelSku":"KIT","quantity":-2}]}');
    const result = runCli([
      "--db",
      t.database.sqlitePath!,
      "translate",
      "--account",
      t.accountId,
      "--channel",
      channelId,
      file,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("lines.0 quantity");
  });

  it("prints the feed as CSV", () => {
    const result = runCli([
      "--db",
      t.database.sqlitePath!,
      "feed",
      "--account",
      t.accountId,
      "--channel",
      channelId,
      "--format",
      "csv",
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^channel_sku,seller_id,quantity\nKIT,[^,]*,3\n$/);
  });
});
