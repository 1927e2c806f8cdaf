// Validates a catalog file against the database without writing, and applies it. Rows are
// matched to variants by SKU: a known SKU updates its variant (and its product's name or key),
// an unknown one is added to the product of its product_key group (the product of the group's
// known SKUs, or the product with that key), or makes a new product.
// The file is staged in SQL (catalog-stage.ts) and planned a page of groups at a time, so memory
// stays flat whatever its size. Preview and apply share the plan, so apply decides on the
// database as it is at that moment.
import type { Product } from "../catalog/catalog-store.ts";
import { getProductsByIds } from "../catalog/get-product.ts";
import type { VariantChange } from "../catalog/update-variants.ts";
import type { Db } from "../db/database.ts";
import { lockBulkWrites } from "../db/dialect.ts";
import { readCatalogFromChannelFile } from "./catalog-channel-source.ts";
import { exportedProductKey, variantChanges } from "./catalog-diff.ts";
import { type CatalogRow, readCatalogRows, type StagedCatalogRow } from "./catalog-file.ts";
import {
  catalogRowsTable,
  checkStagedCatalogRows,
  dropCatalogStage,
  findSharedProducts,
  readStagedGroups,
  rejectStagedRows,
  resolveStagedCatalogGroups,
  type StagedGroup,
  sendStagedCatalogErrors,
  stageCatalogRows,
} from "./catalog-stage.ts";
import type { ImportValidation } from "./create-import.ts";
import type { RowErrorSink } from "./import-errors.ts";
import type { ImportCounts, ImportKind, RowError } from "./import-store.ts";
import { openRowSource } from "./row-source.ts";
import { hasStagedErrors } from "./row-stage.ts";

export type CatalogSourceKind = Extract<ImportKind, `catalog${string}`>;

export type ProductChange =
  | { kind: "new"; name: string; productKey: string | null; rows: CatalogRow[] }
  | {
      kind: "existing";
      productId: string;
      update: { name?: string; productKey?: string } | null;
      newRows: CatalogRow[];
      variantUpdates: VariantChange[];
    };

/** The rows of the source, checked each on its own, in batches. */
async function* readSource(options: {
  kind: CatalogSourceKind;
  path: string;
  onRow?: ((rowsRead: number) => void) | undefined;
}): AsyncGenerator<StagedCatalogRow[]> {
  if (options.kind !== "catalog") {
    const read = await readCatalogFromChannelFile({
      path: options.path,
      source: options.kind === "catalog-woocommerce" ? "woocommerce" : "shopify",
      onRow: options.onRow,
    });
    if (read.rows.length > 0) yield read.rows;
    return;
  }
  const source = await openRowSource({ path: options.path });
  try {
    yield* readCatalogRows({ source, restore: source.format === "csv", onRow: options.onRow });
  } finally {
    await source.close();
  }
}

type PlanState = {
  counts: ImportCounts;
  /**
   * The products more than one group may change, as they were before the import (a page's
   * writes must not change how a later page sees them), and the first row that renamed each.
   */
  shared: Map<string, { name: string; key: string; renamedBy: CatalogRow | null }>;
  rejections: RowError[];
};

/** Rejects a group for one of its rows (the others are reported "not applied" at the end). */
function reject(state: PlanState, group: StagedGroup, error: RowError): void {
  state.rejections.push(error);
  group.rejected = true;
}

/**
 * The existing product a group belongs to, "new", or null when the group was rejected: the
 * product of its known SKUs, else the one product its product_key is the key of, else the
 * product of the variant whose SKU the key is (an export writes that for a product without a key).
 */
function productOfGroup(state: PlanState, group: StagedGroup): string | "new" | null {
  let owner: { productId: string; row: CatalogRow } | undefined;
  for (const row of group.rows) {
    const { productId } = row;
    if (!productId) continue;
    if (!owner) owner = { productId, row };
    else if (owner.productId !== productId) {
      reject(state, group, {
        row: row.row,
        column: "product_key",
        value: row.productKey,
        reason: `groups SKU "${row.sku}" with SKU "${owner.row.sku}" (row ${owner.row.row}), which belongs to another product; variants cannot move between products`,
      });
      return null;
    }
  }
  if (owner) return owner.productId;
  const first = group.rows[0];
  if (!first?.productKey) return "new";
  if (group.keyProducts > 1) {
    reject(state, group, {
      row: first.row,
      column: "product_key",
      value: first.productKey,
      reason: `is the key of ${group.keyProducts} products in this account, so the new SKU has no one product to join; give it the SKU of one of their variants as product_key`,
    });
    return null;
  }
  return group.keyProductId ?? group.keyVariantProductId ?? "new";
}

/** What a group changes in its existing product (null: nothing), counting its rows. */
function planExistingProduct(
  rows: CatalogRow[],
  product: Product,
  before: { name: string; key: string },
  name: string | undefined,
  counts: ImportCounts,
): ProductChange | null {
  const first = rows[0];
  const update: { name?: string; productKey?: string } = {};
  if (name !== undefined && name !== before.name) update.name = name;
  if (first?.productKey && first.productKey !== before.key) update.productKey = first.productKey;
  const bySku = new Map(product.variants.map((v) => [v.sku, v]));
  const newRows: CatalogRow[] = [];
  const variantUpdates: VariantChange[] = [];
  const productChanged = Object.keys(update).length > 0;
  for (const row of rows) {
    const variant = bySku.get(row.sku);
    if (!variant) {
      newRows.push(row);
      counts.create += 1;
      continue;
    }
    const input = variantChanges(row, variant);
    if (Object.keys(input).length > 0) variantUpdates.push({ variantId: variant.id, input });
    if (Object.keys(input).length > 0 || productChanged) counts.update += 1;
    else counts.unchanged += 1;
  }
  if (!productChanged && newRows.length === 0 && variantUpdates.length === 0) return null;
  return {
    kind: "existing",
    productId: product.id,
    update: productChanged ? update : null,
    newRows,
    variantUpdates,
  };
}

/** What a page of groups changes, counting their rows; rejected groups are recorded in `state`. */
async function planPage(
  db: Db,
  accountId: string,
  groups: StagedGroup[],
  state: PlanState,
): Promise<ProductChange[]> {
  const owners = new Map<StagedGroup, string>();
  for (const group of groups) {
    if (group.rejected) continue;
    const owner = productOfGroup(state, group);
    if (owner) owners.set(group, owner);
  }
  const productIds = [...owners.values()].filter((owner) => owner !== "new");
  const products = await getProductsByIds(db, { accountId, productIds });
  const sharedIds = await findSharedProducts(db, productIds);
  const { counts, shared } = state;
  const changes: ProductChange[] = [];
  for (const [group, owner] of owners) {
    const first = group.rows[0];
    if (!first) continue;
    const rows: CatalogRow[] = group.rows.map(({ productId: _, ...row }) => row);
    const name = rows.find((r) => r.productName !== undefined)?.productName;
    if (owner === "new") {
      if (name === undefined) {
        reject(state, group, {
          row: first.row,
          column: "product_name",
          value: "",
          reason: "is empty: a new product needs a name",
        });
        continue;
      }
      changes.push({ kind: "new", name, productKey: first.productKey || null, rows });
      counts.create += rows.length;
      continue;
    }
    const product = products.get(owner);
    if (!product) continue;
    let before = {
      name: product.name,
      key: exportedProductKey(product),
      renamedBy: null as CatalogRow | null,
    };
    if (sharedIds.has(product.id)) {
      before = shared.get(product.id) ?? before;
      shared.set(product.id, before);
    }
    const earlier = before.renamedBy;
    if (name !== undefined && name !== before.name && earlier && earlier.productName !== name) {
      reject(state, group, {
        row: first.row,
        column: "product_name",
        value: name,
        reason: `names the product of row ${earlier.row} differently ("${earlier.productName}")`,
      });
      continue;
    }
    if (name !== undefined && name !== before.name) before.renamedBy ??= first;
    const change = planExistingProduct(rows, product, before, name, counts);
    if (change) changes.push(change);
  }
  return changes;
}

export const catalogPageGroups = 1000;

/**
 * Stages the source in the caller's transaction, checks it, and plans it a page of groups at a
 * time, handing each page's changes to `write` (none: a preview, nothing written). The rejected
 * rows go to `onErrors` in file order at the end. `pageGroups` is for tests.
 */
export async function runCatalogImport(
  db: Db,
  options: {
    accountId: string;
    path: string;
    kind: CatalogSourceKind;
    onWait?: (() => void) | undefined;
    onRow?: ((rowsRead: number) => void) | undefined;
    onErrors: RowErrorSink;
    write?: (changes: ProductChange[]) => Promise<void>;
    /** the apply will be refused if a row is rejected: once one is, plan on without writing */
    refuseRejected?: boolean;
    /** called once the file is read and checked, as the planning and writing of pages begins */
    onWriting?: (() => void) | undefined;
    pageGroups?: number;
  },
): Promise<ImportValidation> {
  if (!db.isTransaction) return db.transaction().execute((trx) => runCatalogImport(trx, options));
  const { accountId } = options;
  let totalRows = 0;
  const counted = (rowsRead: number) => {
    totalRows = rowsRead;
    options.onRow?.(rowsRead);
  };
  // two applies of the account's catalog files: the second plans on what the first wrote
  if (options.write) await lockBulkWrites(db, `catalog-import:${accountId}`, options.onWait);
  try {
    await stageCatalogRows(db, readSource({ ...options, onRow: counted }));
    await checkStagedCatalogRows(db);
    await resolveStagedCatalogGroups(db, accountId);
    const state: PlanState = {
      counts: { create: 0, update: 0, delete: 0, unchanged: 0, rejectedRows: 0 },
      shared: new Map(),
      rejections: [],
    };
    let writing =
      options.write !== undefined &&
      !(options.refuseRejected && (await hasStagedErrors(db, catalogRowsTable)));
    if (writing) options.onWriting?.();
    let afterSeq = -1;
    for (;;) {
      const page = await readStagedGroups(db, { afterSeq, limit: options.pageGroups ?? catalogPageGroups });
      if (page.groups.length === 0) break;
      afterSeq = page.lastSeq;
      const changes = await planPage(db, accountId, page.groups, state);
      if (state.rejections.length > 0 && options.refuseRejected) writing = false;
      await rejectStagedRows(db, state.rejections.splice(0));
      if (writing && changes.length > 0) await options.write?.(changes);
    }
    const counts = { ...state.counts, rejectedRows: await sendStagedCatalogErrors(db, options.onErrors) };
    return { totalRows, counts };
  } finally {
    await dropCatalogStage(db);
  }
}
