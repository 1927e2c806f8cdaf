// Console flows beyond the basics, in a real Chromium against a real server: an Amazon report
// downloaded into a channel (summary, then a suggestion accepted), export and re-import with no
// change, impact previews of remap and delete, the custom-mapping sheet, products created from a
// listing, stock per location, the master product source (dry run, confirmation, sync now), a
// scheduled job run now with its history, and the coverage over time on the dashboard.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/accounts/users.ts";
import { createOwner, screenshot, signInAs, useConsole } from "./browser-support.ts";

const amazonReport = new URL(
  "../../../shared/fixtures/amazon/merchant_listings_all_data_DE_v1.tsv",
  import.meta.url,
);
const owner = { email: "flows@example.com", password: "correct horse battery" };

describe("web console flows", () => {
  // The inventory push job writes its feed files here instead of ./data/outbox.
  const outbox = mkdtempSync(join(tmpdir(), "crosswalk-console-outbox-"));
  afterAll(() => rmSync(outbox, { recursive: true, force: true }));
  const session = useConsole("failed-flows-", { CROSSWALK_OUTBOX: outbox });
  let page: Page;
  let accountId = "";
  let channelId = "";
  beforeAll(() => {
    page = session.page;
  });

  /** The API with the browser's session cookie, for data a test only needs to exist. */
  const apiPost = async (path: string, data: unknown) => {
    const response = await session.main.context.request.post(`/api/v1/accounts/${accountId}${path}`, {
      data,
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  };
  const nav = (name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
  const tab = async (name: string) => {
    await page.getByRole("tab", { name }).click();
    await page.getByRole("tab", { name, selected: true }).waitFor();
  };
  /** Closes the notices (bottom right), which may lie over buttons at a narrow page's corner. */
  const dismissNotices = async () => {
    const close = page.getByRole("button", { name: "Close notification" });
    while ((await close.count()) > 0) await close.first().click();
  };
  const mappingsTable = () => page.getByRole("table", { name: "SKU mappings" });
  const downloadText = async (trigger: Locator) => {
    const [download] = await Promise.all([page.waitForEvent("download"), trigger.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, "utf8") };
  };

  it("sets up an account with products and an Amazon channel", async () => {
    accountId = await createOwner(page, { ...owner, accountName: "CPU Shop" });
    // Two SKUs equal to seller-skus of the report, one near match (case and separators), one spare.
    await apiPost("/products", { name: "Intel Core i7-2700K", sku: "0J-3QVQ-PCR5" });
    await apiPost("/products", { name: "Intel Core i3-9100F", sku: "0L-A3PF-94QM" });
    await apiPost("/products", { name: "Intel Core2Quad Q9550", sku: "3b_xu8b_4y4i" });
    await apiPost("/products", { name: "Spare CPU", sku: "CPU-SPARE" });
    const channel = await apiPost("/channels", {
      name: "Amazon DE",
      kind: "sales",
      platform: "amazon",
      sellerId: "seller-de",
      canImportProducts: true,
    });
    channelId = String(channel.id);
  });

  it("downloads the Amazon report into the channel and shows the summary", async () => {
    await page.goto(`/a/${accountId}/channels/${channelId}/listings`);
    await page.getByRole("button", { name: "Download listings" }).click();
    const dialog = page.getByRole("dialog", { name: "Download listings from the channel" });
    await dialog.locator('input[type="file"]').setInputFiles(amazonReport.pathname);
    await dialog.getByLabel("Format").selectOption("amazon");
    await dialog.getByText("All listings").click();
    await dialog.getByRole("button", { name: "Download listings" }).click();
    const summary = dialog.getByRole("alert", { name: "Summary" });
    await summary.getByText(/^Auto-mapped by SKU: 2$/).waitFor();
    await summary.getByText(/^Rows read: 40$/).waitFor();
    await screenshot(page, "20-download-summary");
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("accepts the suggestion for the near-matching SKU", async () => {
    await tab("Unmapped");
    const suggestions = page.getByRole("table", { name: "Suggestions" });
    const row = suggestions.getByRole("row", { name: /3B-XU8B-4Y4I/ });
    await row.getByText("3b_xu8b_4y4i").waitFor();
    await screenshot(page, "21-unmapped-suggestions");
    await row.getByRole("button", { name: "Accept suggestion for 3B-XU8B-4Y4I" }).click();
    await page.getByText(/Accepted the suggestion for 3B-XU8B-4Y4I: 1 mapped/).waitFor();
    await tab("SKU Mappings");
    await mappingsTable().getByRole("cell", { name: "3b_xu8b_4y4i", exact: true }).waitFor();
  });

  it("exports the mappings and re-imports the file with zero changes in the preview", async () => {
    await page.getByRole("button", { name: "Maintenance" }).click();
    const exported = await downloadText(page.getByRole("menuitem", { name: "Export CSV" }));
    expect(exported.text).toContain("0J-3QVQ-PCR5");
    expect(exported.text).toContain("3b_xu8b_4y4i");
    await page.getByRole("button", { name: "Maintenance" }).click();
    await page.getByRole("menuitem", { name: "Import" }).click();
    const dialog = page.getByRole("dialog", { name: "Import SKU mappings" });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: exported.name,
      mimeType: "text/csv",
      buffer: Buffer.from(exported.text),
    });
    await dialog.getByRole("button", { name: "Upload and preview" }).click();
    const counts = dialog.getByLabel("Import preview counts");
    for (const text of ["0 to create", "0 to update", "0 to delete", "3 unchanged"]) {
      await counts.getByText(text, { exact: true }).waitFor();
    }
    await screenshot(page, "22-reimport-no-change");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("shows the impact preview before a remap and before a delete", async () => {
    await page.getByRole("button", { name: "Edit 0J-3QVQ-PCR5" }).click();
    const remap = page.getByRole("dialog", { name: "Remap SKU mapping" });
    await remap.getByRole("button", { name: "Change" }).click();
    await remap.getByLabel("Product variant").fill("CPU-SPARE");
    await page.getByRole("option", { name: /CPU-SPARE/ }).click();
    await remap.getByRole("button", { name: "Save", exact: true }).click();
    // The first Save only previews; the button then confirms.
    await remap.getByRole("button", { name: "Confirm and save" }).waitFor();
    await remap.getByRole("alert").first().waitFor();
    await screenshot(page, "23-remap-preview");
    await remap.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "Delete 0L-A3PF-94QM" }).click();
    const remove = page.getByRole("dialog", { name: "Delete mappings" });
    await remove.getByRole("alert").first().waitFor();
    await remove.getByRole("button", { name: "Cancel" }).click();
    await remove.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Delete 0L-A3PF-94QM" }).waitFor();
  });

  it("downloads the custom-mapping sheet, checks it, and applies the valid row", async () => {
    await tab("Unmapped");
    await page.getByRole("button", { name: "Custom mapping sheet" }).click();
    const dialog = page.getByRole("dialog", { name: "Custom mapping sheet" });
    const sheet = await downloadText(dialog.getByRole("link", { name: "Download sheet (CSV)" }));
    const lines = sheet.text.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toBe("channel_sku,seller_id,title,barcode,suggestion,internal_sku");
    const fill = (sku: string, internal: string) => {
      const i = lines.findIndex((l) => l.startsWith(`${sku},`));
      expect(i, sku).toBeGreaterThan(0);
      lines[i] = `${lines[i]}${internal}`;
    };
    fill("3N-G87H-VM4L", "CPU-SPARE");
    fill("4M-XJH8-GPUA", "NO-SUCH-SKU");
    await dialog.locator('input[type="file"]').setInputFiles({
      name: "custom.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(lines.join("\n")),
    });
    await dialog.getByRole("button", { name: "Check sheet" }).click();
    const result = dialog.getByRole("alert", { name: /^Sheet / });
    await result.getByText(/Would create: 1/).waitFor();
    await result.getByRole("cell", { name: "NO-SUCH-SKU", exact: true }).waitFor();
    await screenshot(page, "24-custom-sheet-check");
    await dialog.getByRole("button", { name: "Apply sheet" }).click();
    await result.getByText(/Created: 1/).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("creates a product from an unmapped listing", async () => {
    const unmapped = page.getByRole("table", { name: "Unmapped listings" });
    await unmapped.getByRole("cell", { name: "6C-FN23-5KEO", exact: true }).waitFor();
    await page.getByRole("button", { name: "Create product from 6C-FN23-5KEO" }).click();
    const dialog = page.getByRole("dialog", { name: "Create products from listings" });
    await dialog.getByRole("button", { name: "Create products" }).click();
    await dialog
      .getByRole("alert", { name: "Products created from listings" })
      .getByText(/Products created: 1/)
      .waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await unmapped.getByRole("cell", { name: "6C-FN23-5KEO", exact: true }).waitFor({ state: "detached" });
  });

  it("sets stock per location on the products page", async () => {
    await nav("Products").click();
    await page.getByRole("button", { name: "Set stock of CPU-SPARE" }).click();
    const dialog = page.getByRole("dialog", { name: "Set stock of CPU-SPARE" });
    await dialog.getByLabel("Location").selectOption("default");
    await dialog.getByLabel("On hand").fill("7");
    await dialog.getByLabel("Reserved").fill("2");
    await dialog.getByRole("button", { name: "Save stock" }).click();
    await dialog.waitFor({ state: "detached" });
    const row = page.getByRole("table", { name: "Products" }).getByRole("row", { name: /CPU-SPARE/ });
    await row.getByText("Own warehouse: 7 (2 reserved)").waitFor();
    expect(await page.getByRole("alert", { name: "Master product source" }).count()).toBe(0);
    await screenshot(page, "25-products-stock");
  });

  it("switches the master product source to the channel after a dry run and confirmation, then syncs", async () => {
    await dismissNotices();
    await nav("Settings").click();
    await page.getByRole("heading", { name: "Account settings: CPU Shop" }).waitFor();
    const select = page.getByLabel("Master product source");
    await expect.poll(() => select.locator("option").count()).toBe(2);
    await select.selectOption({ label: "Amazon DE (sales)" });
    await page.getByRole("button", { name: "Dry run" }).click();
    const dryRun = page.getByRole("alert", { name: "Dry run: what the first sync would do" });
    await dryRun.getByText(/Duplicates avoided: [1-9]/).waitFor();
    await dryRun.getByRole("cell", { name: "0J-3QVQ-PCR5" }).first().waitFor();
    await screenshot(page, "26-master-dry-run");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("alert", { name: "Confirm the switch" }).waitFor();
    await page.getByRole("button", { name: "Confirm and save" }).click();
    await page.getByText("Master product source set to Amazon DE (sales).").waitFor();
    await expect.poll(() => select.inputValue()).toBe(`channel:${channelId}`);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page
      .getByRole("alert", { name: "Sync result" })
      .getByText(/Products created:/)
      .waitFor();
    await screenshot(page, "27-master-sync");
  });

  it("tells on the Products page that the master channel overwrites edits, with a link to Settings", async () => {
    await dismissNotices();
    await nav("Products").click();
    const notice = page.getByRole("alert", { name: "Master product source" });
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      "Product data comes from Amazon DE, the master product source: changes made here are " +
        "overwritten by its next sync. Change this in Settings.",
    );
    // only a notice: editing stays possible
    await page.getByRole("button", { name: "Create product" }).waitFor();
    await screenshot(page, "27b-products-master-notice");
    await notice.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Account settings: CPU Shop" }).waitFor();
  });

  it("schedules an inventory push job, runs it now and shows its history", async () => {
    await page.goto(`/a/${accountId}/channels/${channelId}/jobs`);
    const form = page.getByRole("form", { name: "Schedule a job" });
    await form.getByLabel("Job kind").selectOption("inventory_push");
    await form.getByLabel("Interval (seconds)").fill("5");
    await form.getByRole("button", { name: "Schedule job" }).click();
    await expect.poll(() => form.getByLabel("Interval (seconds)").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Interval (seconds)").fill("600");
    await form.getByRole("button", { name: "Schedule job" }).click();
    const jobs = page.getByRole("table", { name: "Scheduled jobs" });
    const row = jobs.getByRole("row", { name: /Inventory push/ });
    await row.getByText("600 s").waitFor();
    await row.getByRole("button", { name: "Run Inventory push now" }).click();
    await row.getByText("succeeded").waitFor();
    await screenshot(page, "28-jobs");
    await row.getByRole("button", { name: "History of Inventory push" }).click();
    const history = page.getByRole("dialog", { name: "Run history: Inventory push" });
    await history.getByRole("table", { name: "Job runs" }).getByText("succeeded").waitFor();
    await page.keyboard.press("Escape");
    await history.waitFor({ state: "detached" });
    // By keyboard: the switch takes focus and Space toggles it.
    await row.getByRole("switch", { name: "Enabled: Inventory push" }).focus();
    await page.keyboard.press("Space");
    await row.getByText("disabled").waitFor();
  });

  it("draws the coverage over time on the dashboard, also at phone width", async () => {
    await nav("Dashboard").click();
    await page
      .getByText(/mapped, .* unmapped/)
      .first()
      .waitFor();
    await page.getByText("Coverage over the last 30 days").waitFor();
    await page.getByLabel("Coverage over time of Amazon DE").waitFor();
    await page.locator(".recharts-line").first().waitFor({ state: "attached" });
    await screenshot(page, "29-dashboard-history");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Toggle navigation" }).click();
    await nav("Settings").click();
    await page.getByRole("heading", { name: "Account settings: CPU Shop" }).waitFor();
    await screenshot(page, "30-phone-settings");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows a viewer the settings, jobs and unmapped tools without edit controls", async () => {
    const viewer = { email: "flows-viewer@example.com", password: "viewer horse battery" };
    await createUser(session.server.database.db, viewer);
    await apiPost("/members", { email: viewer.email, role: "viewer" });
    const other = await signInAs(session.browser, session.server.url, viewer, "Dashboard: CPU Shop");
    try {
      const v = other.page;
      await v.goto(`/a/${accountId}/settings`);
      const select = v.getByLabel("Master product source");
      await expect.poll(() => select.inputValue()).toBe(`channel:${channelId}`);
      expect(await select.isDisabled()).toBe(true);
      for (const name of ["Dry run", "Save", "Sync now"]) {
        expect(await v.getByRole("button", { name, exact: true }).count(), name).toBe(0);
      }
      await v.goto(`/a/${accountId}/channels/${channelId}/jobs`);
      const row = v
        .getByRole("table", { name: "Scheduled jobs" })
        .getByRole("row", { name: /Inventory push/ });
      await row.getByRole("button", { name: "History of Inventory push" }).waitFor();
      expect(await row.getByRole("button", { name: "Run Inventory push now" }).count()).toBe(0);
      expect(await row.getByRole("switch").isDisabled()).toBe(true);
      expect(await v.getByRole("form", { name: "Schedule a job" }).count()).toBe(0);
      await v.getByRole("tab", { name: "Unmapped" }).click();
      await v.getByRole("button", { name: "Custom mapping sheet" }).waitFor();
      expect(
        await v.getByRole("button", { name: "Create products from all unmappable listings" }).count(),
      ).toBe(0);
      await screenshot(v, "31-viewer-jobs");
      expect(other.problems).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it("counts every issue of a download and says how many the summary leaves out", async () => {
    const channel = await apiPost("/channels", {
      name: "Shop CSV",
      kind: "sales",
      platform: "generic",
      sellerId: "seller-csv",
    });
    // one listing, two rows with a bad date (errors) and 58 rows without a SKU (skipped): 60 issues,
    // of which the server lists the first 50
    const rows = [
      "SHOP-1,CPU,",
      "SHOP-2,CPU,not a date",
      "SHOP-3,CPU,not a date",
      ...Array.from({ length: 58 }, () => ",no sku,"),
    ];
    await page.goto(`/a/${accountId}/channels/${channel.id}/listings`);
    await page.getByRole("button", { name: "Download listings" }).click();
    const dialog = page.getByRole("dialog", { name: "Download listings from the channel" });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: "listings.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["channel_sku,title,updated_at", ...rows].join("\n")),
    });
    await dialog.getByLabel("Format").selectOption("generic");
    await dialog.getByRole("button", { name: "Download listings" }).click();
    const summary = dialog.getByRole("alert", { name: "Summary" });
    await summary.getByText("Issues: 60 (the first 50: 2 errors, 48 skipped rows)").waitFor();
    expect(await summary.getByRole("list", { name: "Issues" }).getByRole("listitem").count()).toBe(50);
    await summary.getByText("and 10 more not shown").waitFor();
    // the file of every issue, with the session's cookie
    const href = await summary
      .getByRole("link", { name: "download all 60 issues as CSV" })
      .getAttribute("href");
    const all = await page.request.get(href ?? "");
    expect(all.status()).toBe(200);
    expect((await all.text()).trim().split("\n")).toHaveLength(61);
    await screenshot(page, "32-download-issues");
    await dialog.getByRole("button", { name: "Close" }).click();
  });
});
