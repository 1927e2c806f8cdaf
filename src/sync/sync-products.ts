// Product sync from the master channel: a download of the master's listings updates the internal
// catalog in the caller's transaction. New listings become products and variants (a parent and
// its variations one product), changed data updates the matched variant, nothing is duplicated,
// and a download that contradicts itself changes nothing.

import { addVariant } from "../catalog/add-variant.ts";
import { createProduct } from "../catalog/create-product.ts";
import { updateProduct } from "../catalog/update-product.ts";
import { updateVariant } from "../catalog/update-variant.ts";
import type { DownloadedListing, ReadIssue } from "../channel-files/types.ts";
import { getChannel } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { type AuditEntry, recordOperation } from "../operations/record-operation.ts";
import { findConflicts, type SyncConflict } from "./find-conflicts.ts";
import { isMasterChannel } from "./master-source.ts";
import { type MasterSyncPlan, planMasterSync, type SyncIssue } from "./plan-master-sync.ts";

export type ProductSyncResult = {
  productsCreated: number;
  variantsCreated: number;
  variantsUpdated: number;
  productsUpdated: number;
  unchanged: number;
  conflicts: SyncConflict[];
  issues: SyncIssue[];
  operationId: string | null;
  skipped?: string;
};

/** `skipped` when the channel is not the master: such downloads carry no product sync. */
export const notMasterReason = "channel is not the master product source";

function emptyResult(extra: Partial<ProductSyncResult>): ProductSyncResult {
  return {
    productsCreated: 0,
    variantsCreated: 0,
    variantsUpdated: 0,
    productsUpdated: 0,
    unchanged: 0,
    conflicts: [],
    issues: [],
    operationId: null,
    ...extra,
  };
}

/** The figures a plan would give, before it is applied (the dry run's numbers). */
export function countPlan(plan: MasterSyncPlan): Omit<ProductSyncResult, "conflicts" | "operationId"> {
  return {
    productsCreated: plan.newProducts.length,
    variantsCreated: plan.newProducts.reduce((n, p) => n + p.variants.length, 0) + plan.additions.length,
    variantsUpdated: plan.variantUpdates.length,
    productsUpdated: plan.productUpdates.size,
    unchanged: plan.unchanged,
    issues: plan.issues,
  };
}

export async function syncProductsFromMaster(
  trx: Db,
  options: {
    accountId: string;
    channelId: string;
    listings: DownloadedListing[];
    readIssues?: ReadIssue[] | undefined;
    actorUserId: string | null;
  },
): Promise<ProductSyncResult> {
  const { accountId, channelId } = options;
  const channel = await getChannel(trx, accountId, channelId);
  if (!(await isMasterChannel(trx, { accountId, channelId }))) {
    return emptyResult({ skipped: notMasterReason });
  }
  if (!channel.enabled) return emptyResult({ skipped: "master channel is disabled" });
  const conflicts = findConflicts({ listings: options.listings, readIssues: options.readIssues });
  if (conflicts.length > 0) return emptyResult({ conflicts });

  const plan = await planMasterSync(trx, { accountId, listings: options.listings });
  const entries: AuditEntry[] = [];
  for (const planned of plan.newProducts) {
    const product = await createProduct(trx, {
      accountId,
      input: { name: planned.name, category: planned.category, variants: planned.variants },
    });
    entries.push({ entity: "product", entityId: product.id, before: null, after: planned });
  }
  for (const addition of plan.additions) {
    const variant = await addVariant(trx, {
      accountId,
      productId: addition.productId,
      input: addition.variant,
    });
    entries.push({ entity: "variant", entityId: variant.id, before: null, after: addition.variant });
  }
  for (const update of plan.variantUpdates) {
    if (Object.keys(update.changes).length === 0) continue;
    await updateVariant(trx, { accountId, variantId: update.variantId, input: update.changes });
    entries.push({ entity: "variant", entityId: update.variantId, before: null, after: update.changes });
  }
  for (const [productId, changes] of plan.productUpdates) {
    await updateProduct(trx, { accountId, productId, input: changes });
    entries.push({ entity: "product", entityId: productId, before: null, after: changes });
  }
  const counts = countPlan(plan);
  let operationId: string | null = null;
  if (entries.length > 0) {
    operationId = await recordOperation(trx, {
      accountId,
      channelId,
      kind: "product_sync",
      actorUserId: options.actorUserId,
      summary: `Product sync from ${channel.name}: ${counts.productsCreated} products and ${counts.variantsCreated} variants created, ${counts.variantsUpdated} variants updated`,
      entries,
    });
  }
  return { ...counts, conflicts: [], operationId };
}
