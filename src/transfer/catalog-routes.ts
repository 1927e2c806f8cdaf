// The catalog file's routes under /products: export, template, imports (a catalog file, or a
// WooCommerce / Shopify product export with ?source=). See account-file-routes.ts.
import { z } from "zod";
import type { App } from "../http/types.ts";
import { ApplyField, registerAccountFileRoutes, ValidRowsOnlyField } from "./account-file-routes.ts";
import { applyCatalogImport, getCatalogImport, importAndApplyCatalog } from "./catalog-apply.ts";
import { generateCatalogTable } from "./catalog-export.ts";
import { catalogExampleRow, catalogHeader, catalogTemplateOptions } from "./catalog-file.ts";
import { type CatalogSourceKind, runCatalogImport } from "./catalog-import.ts";

export const CatalogUploadQuery = z
  .object({
    source: z.enum(["file", "woocommerce", "shopify"]).optional(),
    validRowsOnly: ValidRowsOnlyField,
    apply: ApplyField,
  })
  .strict();

export function catalogImportKind(source: string | undefined): CatalogSourceKind {
  if (source === "woocommerce") return "catalog-woocommerce";
  if (source === "shopify") return "catalog-shopify";
  return "catalog";
}

export function registerCatalogFileRoutes(app: App) {
  registerAccountFileRoutes(app, {
    base: "/api/v1/accounts/:accountId/products",
    tags: ["catalog files"],
    name: "catalog",
    uploadQuery: CatalogUploadQuery,
    importKind: (query) => catalogImportKind(typeof query.source === "string" ? query.source : undefined),
    table: (accountId) => generateCatalogTable(app.db, { accountId }),
    template: (format) => ({
      header: catalogHeader(catalogTemplateOptions),
      rows: format === "xlsx" ? [[...catalogExampleRow]] : [],
      exampleNote:
        "Example row: one row per variant; rows with the same product_key are one product. Replace or delete this row.",
    }),
    validate: (db, { accountId, kind, path, onErrors }) =>
      runCatalogImport(db, { accountId, path, kind: kind as CatalogSourceKind, onErrors }),
    getImport: (db, options) => getCatalogImport(db, options),
    importAndApply: (options) =>
      importAndApplyCatalog(app.db, { ...options, kind: options.kind as CatalogSourceKind }),
    apply: (options) => applyCatalogImport(app.db, options),
  });
}
