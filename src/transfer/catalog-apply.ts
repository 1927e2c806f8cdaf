// Applies a previewed catalog import in ONE transaction (applyPlannedImport) through the catalog
// area's use cases, each writing in batches: createProducts (new products with their variants),
// updateProduct, addVariants (new SKUs in known products) and updateVariants (changed variants).
// The file is validated again against the database as it is now; a crash before commit leaves
// the catalog exactly as it was.
import { addVariants } from "../catalog/add-variant.ts";
import { createProducts } from "../catalog/create-product.ts";
import type { VariantInput } from "../catalog/schemas.ts";
import { updateProduct } from "../catalog/update-product.ts";
import { updateVariants, type VariantChange } from "../catalog/update-variants.ts";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";
import { applyPlannedImport } from "./apply-planned-import.ts";
import type { CatalogRow } from "./catalog-file.ts";
import { type CatalogPlan, type CatalogSourceKind, planCatalogImport } from "./catalog-import.ts";
import { getImport, type ImportRecord } from "./import-store.ts";

function variantInputOf(row: CatalogRow): VariantInput {
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.options)) if (value !== null) options[name] = value;
  return {
    sku: row.sku,
    ...(row.barcode ? { barcode: row.barcode } : {}),
    ...(row.variantName ? { name: row.variantName } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(row.cost ? { costPrice: row.cost } : {}),
    ...(row.price ? { price: row.price } : {}),
  };
}

export function isCatalogKind(kind: string): kind is CatalogSourceKind {
  return kind === "catalog" || kind === "catalog-woocommerce" || kind === "catalog-shopify";
}

export async function getCatalogImport(db: Db, options: { accountId: string; importId: string }) {
  const record = await getImport(db, options);
  if (!isCatalogKind(record.kind))
    throw new AppError("IMPORT_NOT_FOUND", "Import not found.", {
      field: "importId",
      value: options.importId,
    });
  return record;
}

export async function applyCatalogImport(
  db: Db,
  options: {
    accountId: string;
    importId: string;
    validRowsOnly: boolean;
    dryRun: boolean;
    onRow?: (rowsRead: number) => void;
  },
): Promise<ImportRecord> {
  const { accountId, importId } = options;
  const record = await getCatalogImport(db, { accountId, importId });
  if (record.status === "applied" || options.dryRun) return record;
  const kind = record.kind as CatalogSourceKind;
  return applyPlannedImport(db, {
    accountId,
    importId,
    validRowsOnly: options.validRowsOnly,
    plan: (trx) =>
      planCatalogImport(trx, {
        accountId,
        path: record.filePath,
        kind,
        ...(options.onRow ? { onRow: options.onRow } : {}),
      }),
    write: (trx, plan) => writeCatalogChanges(trx, accountId, plan),
  });
}

/** Writes a catalog plan through the catalog area's use cases; answers the import's summary. */
async function writeCatalogChanges(trx: Db, accountId: string, plan: CatalogPlan) {
  const summary = {
    productsCreated: 0,
    productsUpdated: 0,
    variantsCreated: 0,
    variantsUpdated: 0,
    unchanged: plan.counts.unchanged,
    rejectedRows: plan.errors.length,
  };
  // variant changes and the archiving of new variants are written together, at the end
  const variantChanges: VariantChange[] = [];
  const archive = (variantId: string) => variantChanges.push({ variantId, input: { archived: true } });
  const created = plan.changes.flatMap((change) => (change.kind === "new" ? [change] : []));
  for (let i = 0; i < created.length; i += 2000) {
    const batch = created.slice(i, i + 2000);
    const variantIds = await createProducts(trx, {
      accountId,
      inputs: batch.map((change) => ({
        name: change.name,
        productKey: change.productKey,
        variants: change.rows.map(variantInputOf),
      })),
    });
    for (const change of batch) {
      summary.productsCreated += 1;
      summary.variantsCreated += change.rows.length;
      for (const row of change.rows) if (row.archived) archive(variantIds.get(row.sku) ?? "");
    }
  }
  const additions: Array<{ productId: string; row: CatalogRow }> = [];
  for (const change of plan.changes) {
    if (change.kind === "new") continue;
    if (change.update) {
      await updateProduct(trx, { accountId, productId: change.productId, input: change.update });
      summary.productsUpdated += 1;
    }
    for (const row of change.newRows) additions.push({ productId: change.productId, row });
    variantChanges.push(...change.variantUpdates);
    summary.variantsUpdated += change.variantUpdates.length;
  }
  const addedIds = await addVariants(trx, {
    accountId,
    additions: additions.map(({ productId, row }) => ({ productId, input: variantInputOf(row) })),
  });
  for (const { row } of additions) if (row.archived) archive(addedIds.get(row.sku) ?? "");
  summary.variantsCreated += additions.length;
  await updateVariants(trx, { accountId, changes: variantChanges });
  return summary;
}
