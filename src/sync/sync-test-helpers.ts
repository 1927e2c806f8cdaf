/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Helpers shared by the sync and jobs tests (not used by the service): channels made through the
// API, the WooCommerce sample read as the master's download, and catalog counts.
import { readFileSync } from "node:fs";
import type { TestApp } from "../../test/support/test-app.ts";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import type { ReadResult } from "../channel-files/types.ts";

export const wooSample = (): Buffer =>
  readFileSync(new URL("../../../shared/fixtures/woocommerce/sample_products.csv", import.meta.url));

export async function readWooSample(transform?: (csv: string) => string): Promise<ReadResult> {
  const text = wooSample().toString("utf8");
  return readChannelFile(Buffer.from(transform ? transform(text) : text), {
    format: "woocommerce",
    currency: "USD",
  });
}

export async function makeChannel(
  t: TestApp,
  options: { name: string; canImportProducts?: boolean; enabled?: boolean; platform?: string },
): Promise<string> {
  const created = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
    name: options.name,
    kind: "sales",
    platform: options.platform ?? "woocommerce",
    canImportProducts: options.canImportProducts ?? true,
    enabled: options.enabled ?? true,
  });
  if (created.status !== 201) throw new Error(created.text);
  return created.body.id as string;
}

export async function catalogCounts(
  t: TestApp,
): Promise<{ products: number; variants: number; skus: string[] }> {
  const { db } = t.database;
  const products = await db
    .selectFrom("products")
    .select("id")
    .where("account_id", "=", t.accountId)
    .execute();
  const variants = await db
    .selectFrom("variants")
    .select("sku")
    .where("account_id", "=", t.accountId)
    .execute();
  return { products: products.length, variants: variants.length, skus: variants.map((v) => v.sku).sort() };
}

export function settingUrl(t: TestApp): string {
  return `/api/v1/accounts/${t.accountId}/settings/master-product-source`;
}
