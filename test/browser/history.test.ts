// The history of changes in a real Chromium against a real server: a mapping deleted, its notice
// closed, then undone from the channel's History tab (the mapping is back, the row says undone);
// an undo the server refuses shows its message; the account's History page names the channel;
// a viewer reads the history without Undo buttons.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/accounts/users.ts";
import { createOwner, screenshot, signInAs, useConsole } from "./browser-support.ts";

const owner = { email: "history@example.com", password: "correct horse battery" };
const viewer = { email: "history-viewer@example.com", password: "another horse battery" };

describe("web console history", () => {
  const session = useConsole("failed-history-");
  let page: Page;
  let accountId = "";
  let channelId = "";
  beforeAll(() => {
    page = session.page;
  });

  /** The API with the browser's session cookie, for data a test only needs to exist. */
  const apiCall = async (method: "get" | "post" | "delete", path: string, data?: unknown) => {
    const url = `/api/v1/accounts/${accountId}${path}`;
    const request = session.main.context.request;
    const response = method === "post" ? await request.post(url, { data }) : await request[method](url);
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  };
  const channelSkus = async () => {
    const page = await apiCall("get", `/channels/${channelId}/mappings?limit=100`);
    return (page.items as { channelSku: string }[]).map((m) => m.channelSku).sort();
  };
  const tab = async (name: string) => {
    await page.getByRole("tab", { name }).click();
    await page.getByRole("tab", { name, selected: true }).waitFor();
  };
  const history = () => page.getByRole("table", { name: "History" });
  /** The row of exactly this summary ("Undid: <summary>" is another row). */
  const historyRow = (summary: string) =>
    history()
      .getByRole("row")
      .filter({ has: page.getByText(summary, { exact: true }) });
  const mappingsTable = () => page.getByRole("table", { name: "SKU mappings" });

  it("sets up an account with a channel and two mappings", async () => {
    accountId = await createOwner(page, { ...owner, accountName: "Mug Shop" });
    await apiCall("post", "/products", { name: "Red mug", sku: "MUG-RED" });
    await apiCall("post", "/products", { name: "Blue mug", sku: "MUG-BLUE" });
    channelId = String(
      (await apiCall("post", "/channels", { name: "Shop", kind: "sales", platform: "generic" })).id,
    );
    for (const [channelSku, sku] of [
      ["SHOP-RED", "MUG-RED"],
      ["SHOP-BLUE", "MUG-BLUE"],
    ]) {
      await apiCall("post", `/channels/${channelId}/mappings`, {
        channelSku,
        components: [{ sku, quantity: 1 }],
      });
    }
    expect(await channelSkus()).toEqual(["SHOP-BLUE", "SHOP-RED"]);
  });

  it("undoes a deletion from the History tab once its notice is gone", async () => {
    await page.goto(`/a/${accountId}/channels/${channelId}/mappings`);
    await page.getByRole("button", { name: "Delete SHOP-RED" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete mappings" });
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await mappingsTable().getByRole("cell", { name: "SHOP-RED", exact: true }).waitFor({ state: "detached" });
    // the notice's Undo is what this tab replaces: close it first
    const close = page.getByRole("button", { name: "Close notification" });
    while ((await close.count()) > 0) await close.first().click();

    await tab("History");
    const deleted = historyRow("Deleted the mapping of SHOP-RED");
    await deleted.getByText("Delete", { exact: true }).waitFor();
    await deleted.getByRole("cell", { name: "you", exact: true }).waitFor();
    await deleted.getByRole("cell", { name: "1 deleted", exact: true }).waitFor();
    // newest first: the deletion above the two creations
    await expect.poll(() => history().getByRole("row").nth(1).textContent()).toContain("SHOP-RED");
    await historyRow("Mapped SHOP-BLUE to MUG-BLUE x1").getByText("Mapping created").waitFor();
    await screenshot(page, "50-history-tab");

    await deleted.getByRole("button", { name: "Undo: Deleted the mapping of SHOP-RED" }).click();
    await deleted.getByText("Undone", { exact: true }).waitFor();
    expect(await deleted.getByRole("button").count()).toBe(0);
    await historyRow("Undid: Deleted the mapping of SHOP-RED")
      .getByRole("cell", { name: "1 created" })
      .waitFor();
    await screenshot(page, "51-history-undone");
    expect(await channelSkus()).toEqual(["SHOP-BLUE", "SHOP-RED"]);
    await tab("SKU Mappings");
    await mappingsTable().getByRole("cell", { name: "SHOP-RED", exact: true }).waitFor();
  });

  it("shows the server's message when a newer change stands in the way of an undo", async () => {
    const blue = (await apiCall("get", `/channels/${channelId}/mappings?q=SHOP-BLUE`)).items as {
      id: string;
    }[];
    await apiCall("delete", `/channels/${channelId}/mappings/${blue[0]?.id}`);
    await apiCall("post", `/channels/${channelId}/mappings`, {
      channelSku: "SHOP-BLUE",
      components: [{ sku: "MUG-RED", quantity: 1 }],
    });
    await tab("History");
    await historyRow("Deleted the mapping of SHOP-BLUE")
      .getByRole("button", { name: "Undo: Deleted the mapping of SHOP-BLUE" })
      .click();
    const refused = page.getByRole("alert").filter({ hasText: "Undo refused" });
    await refused.getByText(/changed since this operation: SHOP-BLUE/).waitFor();
    await screenshot(page, "52-history-undo-refused");
    // nothing was undone: the newer mapping stays and the deletion can still be undone later
    await historyRow("Deleted the mapping of SHOP-BLUE").getByRole("button", { name: /^Undo/ }).waitFor();
    await tab("SKU Mappings");
    await mappingsTable()
      .getByRole("row", { name: /SHOP-BLUE/ })
      .getByText("MUG-RED")
      .waitFor();
  });

  it("lists the account's history with the channel of each change", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
    await page.getByRole("heading", { name: "History" }).waitFor();
    const row = historyRow("Mapped SHOP-BLUE to MUG-RED x1");
    await row.getByRole("link", { name: "Shop" }).click();
    await page.getByRole("tab", { name: "History", selected: true }).waitFor();
  });

  it("shows a viewer the history without Undo buttons", async () => {
    await createUser(session.server.database.db, viewer);
    await apiCall("post", "/members", { email: viewer.email, role: "viewer" });
    const other = await signInAs(session.browser, session.server.url, viewer, "Dashboard: Mug Shop");
    try {
      const v = other.page;
      await v.goto(`/a/${accountId}/channels/${channelId}/history`);
      const row = v.getByRole("table", { name: "History" }).getByRole("row").filter({
        hasText: "Deleted the mapping of SHOP-BLUE",
      });
      // the owner made it: the viewer reads the owner's email, not "you"
      await row.getByRole("cell", { name: owner.email, exact: true }).waitFor();
      expect(await v.getByRole("button", { name: /^Undo/ }).count()).toBe(0);
      expect(other.problems).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
