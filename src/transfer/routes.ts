// Every bulk-file route (mapping, catalog and stock files), registered by src/http/server.ts.
import type { App } from "../http/types.ts";
import { registerMappingFileRoutes } from "./mapping-routes.ts";

export function registerTransferRoutes(app: App) {
  registerMappingFileRoutes(app);
}
