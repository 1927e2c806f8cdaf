// Applies a previewed catalog import in ONE transaction through the catalog area's use cases, a
// page of planned groups at a time (catalog-import.ts), each writing in batches: createProducts (new products with their variants),
// updateProduct, addVariants (new SKUs in known products) and updateVariants (changed variants).
// The file is validated again against the database as it is now; a crash before commit leaves
// the catalog exactly as it was.
import { addVariants } from "../catalog/add-variant.ts";
import { createProducts } from "../catalog/create-product.ts";
import type { VariantInput } from "../catalog/schemas.ts";
import { updateProduct } from "../catalog/update-product.ts";
import { updateVariants, type VariantChange } from "../catalog/update-variants.ts";
import type { Db } from "../db/database.ts";
import { AppError, isAppError } from "../shared/errors.ts";
import {
  applyStoredImport,
  finishApply,
  importInOnePass,
  type OnePassImport,
  type StagedWriteOptions,
} from "./apply-staged-import.ts";
import type { CatalogRow } from "./catalog-file.ts";
import { type CatalogSourceKind, type ProductChange, runCatalogImport } from "./catalog-import.ts";
import { importErrorSink } from "./import-errors.ts";
import type { StoredImportApply } from "./import-progress.ts";
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

export type CatalogSummary = {
  productsCreated: number;
  productsUpdated: number;
  variantsCreated: number;
  variantsUpdated: number;
  unchanged: number;
  rejectedRows: number;
};

export function emptySummary(): CatalogSummary {
  return {
    productsCreated: 0,
    productsUpdated: 0,
    variantsCreated: 0,
    variantsUpdated: 0,
    unchanged: 0,
    rejectedRows: 0,
  };
}

export async function applyCatalogImport(db: Db, options: StoredImportApply): Promise<ImportRecord> {
  const record = await getCatalogImport(db, options);
  return applyStoredImport(db, {
    ...options,
    record,
    write: (trx, path, onWriting) =>
      validateAndWrite(trx, { ...options, kind: record.kind as CatalogSourceKind, path, onWriting }),
  });
}

/**
 * Validates the file against the database as it is now and writes it a page at a time (it stops
 * writing once a row is rejected, unless validRowsOnly); answers the rejected rows (finishApply).
 */
async function validateAndWrite(
  trx: Db,
  options: StagedWriteOptions & { kind: CatalogSourceKind },
): Promise<number> {
  const { accountId, importId } = options;
  const summary = emptySummary();
  const validation = await runCatalogImport(trx, {
    ...options,
    onErrors: await importErrorSink(trx, { accountId, importId }),
    write: (changes) => writeCatalogChanges(trx, { accountId, changes, summary }),
    refuseRejected: !options.validRowsOnly,
  });
  return finishApply(trx, {
    ...options,
    validation,
    summary: ({ unchanged, rejectedRows }) => ({ ...summary, unchanged, rejectedRows }),
  });
}

/** A catalog import validated and applied in one pass (see importInOnePass). */
export async function importAndApplyCatalog(
  db: Db,
  options: OnePassImport & { kind: CatalogSourceKind },
): Promise<ImportRecord> {
  const { accountId, kind } = options;
  return importInOnePass(db, {
    ...options,
    write: (trx, importId) =>
      validateAndWrite(trx, { ...options, importId, onWriting: () => options.onWrite?.(null) }),
    validate: (trx, path, onErrors) => runCatalogImport(trx, { accountId, path, kind, onErrors }),
  });
}

/**
 * Writes a page of planned changes through the catalog area's use cases, counting them in `summary`.
 * A SKU the plan found free but another writer has taken since (a product made by hand meanwhile)
 * fails the whole apply with SKU_CONFLICT naming that SKU, not the use case's request field.
 */
export async function writeCatalogChanges(
  trx: Db,
  options: { accountId: string; changes: ProductChange[]; summary: CatalogSummary },
): Promise<void> {
  try {
    await writePlannedChanges(trx, options);
  } catch (error) {
    if (!isAppError(error) || error.code !== "SKU_CONFLICT") throw error;
    const sku = (error.details as { value?: string } | undefined)?.value ?? "";
    throw new AppError(
      "SKU_CONFLICT",
      `SKU "${sku}" was given to another variant while this import ran; nothing was written. Apply the import again.`,
      { column: "sku", value: sku },
    );
  }
}

async function writePlannedChanges(
  trx: Db,
  options: { accountId: string; changes: ProductChange[]; summary: CatalogSummary },
): Promise<void> {
  const { accountId, changes, summary } = options;
  // variant changes and the archiving of new variants are written together, at the end
  const variantChanges: VariantChange[] = [];
  const archive = (variantId: string) => variantChanges.push({ variantId, input: { archived: true } });
  const created = changes.flatMap((change) => (change.kind === "new" ? [change] : []));
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
  for (const change of changes) {
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
}
