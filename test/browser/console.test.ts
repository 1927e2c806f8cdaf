// The web console in a real Chromium against a real server: first-run setup, sign-in, products,
// a channel, a mapping made with the variant search, a kit, delete all and undo, and a viewer
// who sees no edit controls. Screenshots of the main screens go to test-artifacts/screenshots/.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot, signInAs, useConsole } from "./browser-support.ts";

const owner = { email: "owner@example.com", password: "correct horse battery" };
const viewer = { email: "viewer@example.com", password: "viewer horse battery" };

describe("web console", () => {
  const session = useConsole("failed-");
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  const mappingsTable = () => page.getByRole("table", { name: "SKU mappings" });
  /** Save shows the impact preview first; "Confirm and save" then makes the change. */
  const saveWithPreview = async (dialog: ReturnType<Page["getByRole"]>, channelSku: string) => {
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    const preview = dialog.getByRole("alert", { name: "Impact preview" });
    await preview.getByRole("cell", { name: channelSku }).waitFor();
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await dialog.waitFor({ state: "detached" });
  };
  /** The Create dialog with its channel SKU and first variant: typed as `search`, picked as `option`. */
  const openCreate = async (channelSku: string, search: string, option: RegExp) => {
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Create SKU mapping" });
    await dialog.getByLabel("Sales channel SKU").fill(channelSku);
    await dialog.getByLabel("Product variant").fill(search);
    await page.getByRole("option", { name: option }).click();
    return dialog;
  };
  const nav = (p: Page, name: string) =>
    p.getByRole("navigation", { name: "Main" }).getByRole("link", { name });

  it("creates the owner on first start and signs in", async () => {
    await page.goto("/");
    await page.getByRole("heading", { name: "Welcome to Crosswalk" }).waitFor();
    await screenshot(page, "01-setup");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByRole("textbox", { name: "Password" }).fill(owner.password);
    await page.getByLabel("Account name").fill("Mug Shop");
    await page.getByRole("button", { name: "Create the owner" }).click();
    await page.getByRole("heading", { name: "Dashboard: Mug Shop" }).waitFor();
    expect(await page.getByLabel("Account").inputValue()).not.toBe("");
  });

  it("signs out and signs in again, with a wrong password reported", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Crosswalk" }).waitFor();
    await page.getByLabel("Email").fill(owner.email);
    await page.getByRole("textbox", { name: "Password" }).fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await screenshot(page, "02-sign-in");
    await page.getByRole("textbox", { name: "Password" }).fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Dashboard: Mug Shop" }).waitFor();
  });

  it("creates products with variants and shows a SKU conflict next to the variant field", async () => {
    await nav(page, "Products").click();
    await page.getByRole("heading", { name: "Products" }).waitFor();
    const createProduct = async (name: string, variants: { sku: string; barcode?: string }[]) => {
      await page.getByRole("button", { name: "Create product" }).click();
      const dialog = page.getByRole("dialog", { name: "Create product" });
      await dialog.getByLabel("Product name").fill(name);
      for (const [i, variant] of variants.entries()) {
        if (i > 0) await dialog.getByRole("button", { name: "Add variant" }).click();
        await dialog.getByLabel(`SKU ${i + 1}`).fill(variant.sku);
        if (variant.barcode) await dialog.getByLabel(`Barcode ${i + 1}`).fill(variant.barcode);
      }
      await dialog.getByRole("button", { name: "Create product" }).click();
      return dialog;
    };
    const mug = await createProduct("Mug", [
      { sku: "MUG-BLUE", barcode: "4006381333931" },
      { sku: "MUG-RED" },
    ]);
    await mug.waitFor({ state: "detached" });
    const spoon = await createProduct("Spoon", [{ sku: "SPOON" }]);
    await spoon.waitFor({ state: "detached" });

    const duplicate = await createProduct("Another mug", [{ sku: "MUG-NEW" }, { sku: "MUG-RED" }]);
    const skuField = duplicate.getByLabel("SKU 2");
    await expect.poll(() => skuField.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "03-product-field-error");
    await duplicate.getByRole("button", { name: "Cancel" }).click();

    const products = page.getByRole("table", { name: "Products" });
    await products.getByText("MUG-RED").waitFor();
    await products.getByText("SPOON", { exact: true }).waitFor();
    await screenshot(page, "04-products");
  });

  it("adds a channel and lists it with its coverage", async () => {
    await nav(page, "Channels").click();
    await page.getByRole("button", { name: "Add channel" }).click();
    const dialog = page.getByRole("dialog", { name: "Add channel" });
    await dialog.getByLabel("Name").fill("Amazon EU");
    await dialog.getByLabel("Platform").selectOption("amazon");
    await dialog.getByLabel("Seller id").fill("seller-1");
    await dialog.getByRole("button", { name: "Create channel" }).click();
    await page.getByRole("heading", { name: "Amazon EU" }).waitFor();
    await page.getByRole("tab", { name: "SKU Mappings", selected: true }).waitFor();
    await nav(page, "Channels").click();
    await page.getByRole("link", { name: "Amazon EU" }).waitFor();
    await screenshot(page, "05-channels");
    await page.getByRole("link", { name: "Amazon EU" }).click();
    await page.getByText("No mappings yet.").waitFor();
  });

  it("creates a mapping with the variant search; the internal SKU is read-only", async () => {
    const dialog = await openCreate("AMZ-MUG-BLUE", "4006381333931", /MUG-BLUE/);
    const internal = dialog.getByLabel("Internal SKU");
    expect(await internal.inputValue()).toBe("MUG-BLUE");
    expect(await internal.getAttribute("readonly")).not.toBeNull();
    await screenshot(page, "06-create-mapping");
    await saveWithPreview(dialog, "AMZ-MUG-BLUE");
    await mappingsTable().getByRole("cell", { name: "AMZ-MUG-BLUE", exact: true }).waitFor();
    await page.getByRole("button", { name: "Undo" }).waitFor();
  });

  it("shows the API's error next to the channel SKU field", async () => {
    const dialog = await openCreate("AMZ-MUG-BLUE", "MUG-RED", /MUG-RED/);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    const field = dialog.getByLabel("Sales channel SKU");
    await expect
      .poll(
        async () =>
          (await field.getAttribute("aria-invalid")) === "true" ||
          (await dialog.getByRole("alert").count()) > 0,
      )
      .toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("offers to remap a channel SKU that is mapped already, in the remap dialog of its mapping", async () => {
    const dialog = await openCreate("AMZ-MUG-BLUE", "MUG-RED", /MUG-RED/);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await dialog.getByText("Listing AMZ-MUG-BLUE is already mapped; remap it instead.").waitFor();
    await dialog.getByRole("button", { name: "Remap it" }).click();
    // the same dialog now remaps the existing mapping, showing what it maps to today
    const remap = page.getByRole("dialog", { name: "Remap SKU mapping" });
    expect(await remap.getByLabel("Internal SKU").inputValue()).toBe("MUG-BLUE");
    expect(await remap.getByLabel("Sales channel SKU").inputValue()).toBe("AMZ-MUG-BLUE");
    expect(await remap.getByLabel("Sales channel SKU").isDisabled()).toBe(true);
    await remap.getByRole("button", { name: "Cancel" }).click();
    await remap.waitFor({ state: "detached" });
  });

  it("warns before saving that a second listing would sell a variant another one sells", async () => {
    const dialog = await openCreate("AMZ-MUG-BLUE-2", "MUG-BLUE", /MUG-BLUE/);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    const warnings = dialog.getByRole("alert", { name: "Once saved, this mapping is warned of" });
    await warnings
      .getByText(
        "Shares a variant with another listing: Variant MUG-BLUE is also mapped by AMZ-MUG-BLUE; the channel may oversell it.",
      )
      .waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("creates a kit of two components with quantities", async () => {
    const dialog = await openCreate("AMZ-BREAKFAST-KIT", "MUG-RED", /MUG-RED/);
    await dialog.getByRole("button", { name: "Add component (kit)" }).click();
    await dialog.getByLabel("Product variant 2").fill("SPOON");
    await page.getByRole("option", { name: /SPOON/ }).click();
    await dialog.getByLabel("Quantity").nth(1).fill("2");
    expect(await dialog.getByLabel("Internal SKU 2").inputValue()).toBe("SPOON");
    await screenshot(page, "07-create-kit");
    await saveWithPreview(dialog, "AMZ-BREAKFAST-KIT");
    const row = mappingsTable().getByRole("row", { name: /AMZ-BREAKFAST-KIT/ });
    await row.getByText("SPOON × 2").waitFor();
    await row.getByText("MUG-RED × 1").waitFor();
    await screenshot(page, "08-mappings");
  });

  it("deletes all mappings after the typed confirmation and undoes it", async () => {
    await page.getByRole("button", { name: "Delete all" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete all mappings" });
    const confirm = dialog.getByRole("button", { name: "Delete", exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Type delete-all to confirm").fill("delete-all");
    await screenshot(page, "09-delete-all");
    await confirm.click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("No mappings yet.").waitFor();
    await page.getByRole("button", { name: "Undo" }).last().click();
    await mappingsTable().getByRole("cell", { name: "AMZ-MUG-BLUE", exact: true }).waitFor();
    await mappingsTable()
      .getByRole("row", { name: /AMZ-BREAKFAST-KIT/ })
      .waitFor();
  });

  it("imports a mapping file with an error, then the fixed file, and applies it", async () => {
    const upload = async (csv: string) => {
      const dialog = page.getByRole("dialog", { name: "Import SKU mappings" });
      await dialog.locator('input[type="file"]').setInputFiles({
        name: "mappings.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await dialog.getByRole("button", { name: "Upload and preview" }).click();
      return dialog;
    };
    await page.getByRole("button", { name: "Maintenance" }).click();
    await page.getByRole("menuitem", { name: "Import" }).click();
    const bad = await upload(
      "channel_sku,internal_sku,quantity\nAMZ-SPOON,SPOON,1\nAMZ-NOPE,NO-SUCH-SKU,1\n",
    );
    await bad.getByText("1 row has errors").waitFor();
    await bad.getByRole("cell", { name: "NO-SUCH-SKU" }).waitFor();
    expect(await bad.getByRole("button", { name: "Apply" }).isDisabled()).toBe(true);
    await screenshot(page, "10-import-preview-errors");
    const fixed = await upload("channel_sku,internal_sku,quantity\nAMZ-SPOON,SPOON,1\nAMZ-NOPE,MUG-RED,1\n");
    await fixed.getByLabel("Import preview counts").getByText("2 to create").waitFor();
    await fixed.getByRole("button", { name: "Apply" }).click();
    await fixed.waitFor({ state: "detached" });
    // the import is one operation: its notice says what it did and offers to undo it
    const notice = page
      .getByRole("alert")
      .filter({ hasText: /Import applied to .*: created: 2, listings created: 2/ });
    await notice.getByRole("button", { name: "Undo" }).waitFor();
    await mappingsTable().getByRole("cell", { name: "AMZ-SPOON", exact: true }).waitFor();
    await mappingsTable().getByRole("cell", { name: "AMZ-NOPE", exact: true }).waitFor();
    // what the channel would now be sent: the inventory feed tab lists the imported listings
    await page.getByRole("tab", { name: "Inventory feed" }).click();
    const feed = page.getByRole("table", { name: "Inventory feed" });
    await feed.getByRole("cell", { name: "AMZ-SPOON", exact: true }).waitFor();
    await feed.getByRole("cell", { name: "AMZ-NOPE", exact: true }).waitFor();
    await page.getByRole("tab", { name: "SKU Mappings" }).click();
    await page.getByRole("tab", { name: "SKU Mappings", selected: true }).waitFor();
  });

  it("shows the coverage chart on the dashboard and works at phone width", async () => {
    await nav(page, "Dashboard").click();
    await page.getByText(/4 mapped, 0 unmapped/).waitFor();
    await screenshot(page, "11-dashboard");
    await page.setViewportSize({ width: 390, height: 844 });
    // the header keeps "Sign out" whole and on screen
    const signOut = page.getByRole("button", { name: "Sign out" });
    const box = await signOut.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    const label = signOut.locator(".mantine-Button-label");
    expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true);
    const burger = page.getByRole("button", { name: "Toggle navigation" });
    await burger.click();
    await nav(page, "Channels").click();
    await page.getByRole("link", { name: "Amazon EU" }).waitFor();
    await screenshot(page, "12-phone-channels");
    // the mappings table is wider than the phone: its scrollbar shows there is more to the right
    await page.getByRole("link", { name: "Amazon EU" }).click();
    await mappingsTable().getByRole("cell", { name: "AMZ-SPOON", exact: true }).waitFor();
    const scrollbar = page.locator('.mantine-ScrollArea-scrollbar[data-orientation="horizontal"]');
    await scrollbar.waitFor();
    await screenshot(page, "12-phone-mappings");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("creates an API key and shows it once", async () => {
    await nav(page, "API keys").click();
    await page.getByLabel("Key name").fill("script");
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Your new API key" });
    expect(await dialog.getByTestId("new-api-key").textContent()).toMatch(/\S{20,}/);
    await screenshot(page, "13-api-key");
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.getByRole("cell", { name: "script", exact: true }).waitFor();
  });

  it("adds a new viewer with a first password, who signs in and sees the data but no edit controls", async () => {
    await nav(page, "Members").click();
    await page.getByLabel("Email").fill(viewer.email);
    await page.getByLabel("First password").fill(viewer.password);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.getByRole("cell", { name: viewer.email, exact: true }).waitFor();
    await screenshot(page, "14-members");

    const other = await signInAs(session.browser, session.server.url, viewer, "Dashboard: Mug Shop");
    try {
      const v = other.page;
      await v.getByRole("link", { name: "Amazon EU" }).click();
      await v
        .getByRole("table", { name: "SKU mappings" })
        .getByRole("cell", { name: "AMZ-MUG-BLUE", exact: true })
        .waitFor();
      await screenshot(v, "15-viewer-mappings");
      for (const name of ["Create", "Delete all", "Edit AMZ-MUG-BLUE", "Delete AMZ-MUG-BLUE"]) {
        expect(await v.getByRole("button", { name, exact: true }).count(), name).toBe(0);
      }
      await v.getByRole("tab", { name: "Settings" }).click();
      expect(await v.getByLabel("Name").isDisabled()).toBe(true);
      expect(await v.getByRole("button", { name: "Save settings" }).count()).toBe(0);
      await nav(v, "Products").click();
      await v.getByRole("table", { name: "Products" }).getByText("MUG-BLUE").waitFor();
      expect(await v.getByRole("button", { name: "Create product" }).count()).toBe(0);
      await nav(v, "Members").click();
      await v.getByRole("cell", { name: owner.email, exact: true }).waitFor();
      expect(await v.getByRole("button", { name: "Add member" }).count()).toBe(0);
      expect(other.problems).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it("changes the owner's password, which signs them out, and signs in with the new one", async () => {
    await page.goto("/");
    await page.getByRole("button", { name: "Password", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Change your password" });
    await dialog.getByLabel("Current password").fill("not the password");
    await dialog.getByLabel("New password").fill("a brand new horse");
    await dialog.getByRole("button", { name: "Change password" }).click();
    await dialog.getByText("The current password is wrong.").waitFor();
    await dialog.getByLabel("Current password").fill(owner.password);
    await dialog.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("heading", { name: "Sign in to Crosswalk" }).waitFor();
    await page.getByLabel("Email").fill(owner.email);
    await page.getByRole("textbox", { name: "Password" }).fill("a brand new horse");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Dashboard: Mug Shop" }).waitFor();
  });
});
