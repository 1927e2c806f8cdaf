// The catalog area's HTTP routes, registered by src/http/server.ts.
import type { App } from "../http/types.ts";
import { registerProductRoutes } from "./routes-products.ts";
import { registerVariantRoutes } from "./routes-variants.ts";

export function registerCatalogRoutes(app: App) {
  registerProductRoutes(app);
  registerVariantRoutes(app);
}
