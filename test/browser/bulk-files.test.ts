// Bulk files in a real Chromium against a real server: on the products page the catalog and stock
// files (export, import with a preview of counts, rejected rows with reasons and the error file,
// apply, a Shopify product export as a catalog source, stock levels then shown in the table), and
// on a channel a mapping import in replace mode (the deletions previewed, applied, undone).
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createOwner, screenshot, useConsole } from "./browser-support.ts";

const shopifyExport = new URL("../../../shared/fixtures/shopify/products_export_1.csv", import.meta.url);
const owner = { email: "files@example.com", password: "correct horse battery" };

describe("web console bulk files", () => {
  const session = useConsole("failed-files-");
  let page: Page;
  let accountId = "";
  beforeAll(() => {
    page = session.page;
  });

  const productsTable = () => page.getByRole("table", { name: "Products" });
  const filesMenu = async (item: string) => {
    await page.getByRole("button", { name: "Files" }).click();
    await page.getByRole("menuitem", { name: item }).click();
  };
  const downloadText = async (trigger: () => Promise<void>) => {
    const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
    return readFileSync(await download.path(), "utf8");
  };
  const uploadTo = async (dialog: Locator, name: string, content: string | Buffer) => {
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
    await dialog.getByRole("button", { name: "Upload and preview" }).click();
  };
  const counts = (dialog: Locator, ...texts: string[]) =>
    Promise.all(
      texts.map((text) =>
        dialog.getByLabel("Import preview counts").getByText(text, { exact: true }).waitFor(),
      ),
    );

  it("sets up an account with a product", async () => {
    accountId = await createOwner(page, { ...owner, accountName: "Lamp Shop" });
    const created = await session.main.context.request.post(`/api/v1/accounts/${accountId}/products`, {
      data: { name: "Lamp", sku: "LAMP-1" },
    });
    expect(created.status()).toBe(201);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Products" }).click();
    await productsTable().getByRole("cell", { name: "LAMP-1", exact: true }).waitFor();
  });

  it("exports the catalog and imports a file: rejected rows first, then the fixed file", async () => {
    const exported = await downloadText(() => filesMenu("Export catalog CSV"));
    expect(exported).toMatch(/^\uFEFF?sku,product_key,product_name/);
    expect(exported).toContain("LAMP-1,LAMP-1,Lamp");

    await filesMenu("Import catalog");
    const dialog = page.getByRole("dialog", { name: "Import catalog" });
    await uploadTo(dialog, "bad.csv", "sku,product_name\n3.65275E+11,Sci\nVASE-1,Vase\n");
    await dialog.getByText("1 row has errors").waitFor();
    await dialog.getByRole("cell", { name: "row 2", exact: true }).waitFor();
    await dialog.getByText(/scientific notation/).waitFor();
    expect(await dialog.getByRole("button", { name: "Apply" }).isDisabled()).toBe(true);
    const errorFile = await downloadText(() =>
      dialog.getByRole("link", { name: "Download the error file" }).click(),
    );
    expect(errorFile).toMatch(/sku,product_name,error/);
    expect(errorFile).toContain("scientific notation");
    await screenshot(page, "40-catalog-import-errors");

    await uploadTo(
      dialog,
      "catalog.csv",
      "sku,product_key,product_name,price_amount,price_currency\nLAMP-1,LAMP-1,Lamp,4500,EUR\nLAMP-2,LAMP-1,Lamp,,\nVASE-1,,Vase,,\n",
    );
    await counts(dialog, "2 to create", "1 to update", "0 rejected rows");
    await dialog.getByRole("button", { name: "Apply" }).click();
    await dialog.waitFor({ state: "detached" });
    await page
      .getByText("Catalog import applied: products created: 1, variants created: 2, variants updated: 1.")
      .waitFor();
    for (const sku of ["LAMP-2", "VASE-1"])
      await productsTable().getByRole("cell", { name: sku, exact: true }).waitFor();
  });

  it("imports a Shopify product export as a catalog", async () => {
    await filesMenu("Import catalog");
    const dialog = page.getByRole("dialog", { name: "Import catalog" });
    await dialog.getByLabel("File type").selectOption("shopify");
    await uploadTo(dialog, "products_export_1.csv", readFileSync(shopifyExport));
    // the export repeats three SKUs with different data: those rows are left out, the rest applied
    await counts(dialog, "11 to create", "3 rejected rows");
    await dialog.getByRole("cell", { name: "Variant SKU" }).first().waitFor();
    await dialog.getByLabel("Apply the valid rows only (the rows with errors are left out)").check();
    await dialog.getByRole("button", { name: "Apply" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByLabel("Search products").fill("og1oz-light-black-usa");
    await productsTable().getByRole("cell", { name: "Mustache Wax", exact: true }).waitFor();
    await page.getByLabel("Search products").fill("");
  });

  it("imports a stock file, shows the levels, and exports them", async () => {
    await filesMenu("Import stock");
    const dialog = page.getByRole("dialog", { name: "Import stock" });
    await uploadTo(dialog, "stock.csv", "sku,location,on_hand\nVASE-1,default,5\nLAMP-2,default,3\n");
    await counts(dialog, "2 to create", "0 rejected rows");
    await dialog.getByRole("button", { name: "Apply" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("Stock import applied: created: 2.").waitFor();
    const vase = productsTable().getByRole("row", { name: /VASE-1/ });
    await vase.getByRole("cell", { name: "Own warehouse: 5", exact: true }).waitFor();
    await screenshot(page, "41-stock-imported");
    const exported = await downloadText(() => filesMenu("Export stock CSV"));
    expect(exported).toContain("VASE-1,default,5");
    expect(exported).toContain("LAMP-2,default,3");
  });

  it("previews a replace import of mappings with the deletions it makes, applies it and undoes it", async () => {
    const channel = await session.main.context.request.post(`/api/v1/accounts/${accountId}/channels`, {
      data: { name: "Shop", kind: "sales", platform: "shopify" },
    });
    expect(channel.status()).toBe(201);
    await page.goto(`/a/${accountId}/channels/${(await channel.json()).id}/mappings`);
    const importFile = async (mode: "merge" | "replace", csv: string) => {
      await page.getByRole("button", { name: "Maintenance" }).click();
      await page.getByRole("menuitem", { name: "Import" }).click();
      const dialog = page.getByRole("dialog", { name: "Import SKU mappings" });
      await dialog.getByLabel("Mode").selectOption(mode);
      await uploadTo(dialog, `${mode}.csv`, csv);
      return dialog;
    };
    const mappings = page.getByRole("table", { name: "SKU mappings" });
    const merged = await importFile(
      "merge",
      "channel_sku,internal_sku\nSHOP-VASE,VASE-1\nSHOP-LAMP,LAMP-2\n",
    );
    await counts(merged, "2 to create", "0 to delete");
    await merged.getByRole("button", { name: "Apply" }).click();
    await merged.waitFor({ state: "detached" });
    await mappings.getByRole("cell", { name: "SHOP-LAMP", exact: true }).waitFor();

    const replaced = await importFile("replace", "channel_sku,internal_sku\nSHOP-VASE,VASE-1\n");
    await counts(replaced, "1 unchanged", "1 to delete");
    await replaced
      .getByLabel("Import warning")
      .getByText(/^Applying deletes 1 mapping of Shop that the file does not name/)
      .waitFor();
    await screenshot(page, "42-replace-import-preview");
    await replaced.getByRole("button", { name: "Apply" }).click();
    await replaced.waitFor({ state: "detached" });
    await mappings.getByRole("cell", { name: "SHOP-LAMP", exact: true }).waitFor({ state: "detached" });
    const notice = page.getByRole("alert").filter({ hasText: /Import applied to Shop: deleted: 1/ });
    await notice.getByRole("button", { name: "Undo" }).click();
    await mappings.getByRole("cell", { name: "SHOP-LAMP", exact: true }).waitFor();
    await mappings.getByRole("cell", { name: "SHOP-VASE", exact: true }).waitFor();
  });
});
