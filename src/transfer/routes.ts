// Every bulk-file route (mapping, catalog and stock files), registered by src/http/server.ts.
import type { App } from "../http/types.ts";
import { registerCatalogFileRoutes } from "./catalog-routes.ts";
import { registerMappingFileRoutes } from "./mapping-routes.ts";
import { registerStockFileRoutes } from "./stock-routes.ts";

export function registerTransferRoutes(app: App) {
  registerMappingFileRoutes(app);
  registerCatalogFileRoutes(app);
  registerStockFileRoutes(app);
}
