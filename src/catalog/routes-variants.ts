// HTTP routes for variants: search, read, update.
import type { App } from "../http/types.ts";
import { getFullVariant } from "./get-product.ts";
import {
  CatalogAccountParams,
  UpdateVariantBody,
  VariantPage,
  VariantParams,
  VariantResponse,
  VariantSearchQuery,
} from "./schemas.ts";
import { searchVariants } from "./search-variants.ts";
import { updateVariant } from "./update-variant.ts";

const tags = ["catalog"];
const variantsUrl = "/api/v1/accounts/:accountId/variants";

export function registerVariantRoutes(app: App) {
  app.get(
    variantsUrl,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary:
          "Search variants by SKU, barcode or name (exact SKU first, then prefixes); without q, all by SKU",
        params: CatalogAccountParams,
        querystring: VariantSearchQuery,
        response: { 200: VariantPage },
      },
    },
    async (request) => searchVariants(app.db, { accountId: request.params.accountId, ...request.query }),
  );

  app.get(
    `${variantsUrl}/:variantId`,
    {
      config: { minRole: "viewer" },
      schema: { tags, summary: "One variant", params: VariantParams, response: { 200: VariantResponse } },
    },
    async (request) => getFullVariant(app.db, request.params),
  );

  app.patch(
    `${variantsUrl}/:variantId`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary:
          "Change a variant (absent fields stay, null clears); a new SKU or archiving updates mappings' versions",
        params: VariantParams,
        body: UpdateVariantBody,
        response: { 200: VariantResponse },
      },
    },
    async (request) => updateVariant(app.db, { ...request.params, input: request.body }),
  );
}
