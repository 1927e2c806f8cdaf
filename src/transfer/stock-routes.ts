// The stock file's routes under /stock: export, template, imports. See account-file-routes.ts.
import { z } from "zod";
import type { App } from "../http/types.ts";
import { ApplyField, registerAccountFileRoutes, ValidRowsOnlyField } from "./account-file-routes.ts";
import { getImport } from "./import-store.ts";
import { generateStockRows } from "./stock-export.ts";
import { stockExampleRow, stockHeader } from "./stock-file.ts";
import { applyStockImport, importAndApplyStock, runStockImport } from "./stock-import.ts";

export function registerStockFileRoutes(app: App) {
  registerAccountFileRoutes(app, {
    base: "/api/v1/accounts/:accountId/stock",
    tags: ["stock files"],
    name: "stock",
    uploadQuery: z.object({ validRowsOnly: ValidRowsOnlyField, apply: ApplyField }).strict(),
    importKind: () => "stock",
    table: async (accountId) => ({ header: stockHeader, rows: generateStockRows(app.db, { accountId }) }),
    template: (format) => ({
      header: stockHeader,
      rows: format === "xlsx" ? [[...stockExampleRow]] : [],
      exampleNote: "Example row: absolute levels per SKU and location. Replace or delete this row.",
    }),
    validate: (db, { accountId, path, onErrors }) => runStockImport(db, { accountId, path, onErrors }),
    getImport: (db, { accountId, importId }) => getImport(db, { accountId, importId, kind: "stock" }),
    importAndApply: (options) => importAndApplyStock(app.db, options),
    apply: (options) => applyStockImport(app.db, options),
  });
}
