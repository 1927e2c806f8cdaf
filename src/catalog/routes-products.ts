// HTTP routes for products: create, list, read, update, delete, add a variant.
import type { App } from "../http/types.ts";
import { addVariant } from "./add-variant.ts";
import { createProduct } from "./create-product.ts";
import { deleteProduct } from "./delete-product.ts";
import { getProduct } from "./get-product.ts";
import { listProducts } from "./list-products.ts";
import {
  CatalogAccountParams,
  CreateProductBody,
  ProductListQuery,
  ProductPage,
  ProductParams,
  ProductResponse,
  UpdateProductBody,
  VariantInput,
  VariantResponse,
} from "./schemas.ts";
import { updateProduct } from "./update-product.ts";

const tags = ["catalog"];
const productsUrl = "/api/v1/accounts/:accountId/products";
const productUrl = `${productsUrl}/:productId`;

export function registerProductRoutes(app: App) {
  app.post(
    productsUrl,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Create a product with its variants (a sku alone creates its default variant)",
        params: CatalogAccountParams,
        body: CreateProductBody,
        response: { 201: ProductResponse },
      },
    },
    async (request, reply) => {
      const product = await createProduct(app.db, {
        accountId: request.params.accountId,
        input: request.body,
      });
      return reply.status(201).send(product);
    },
  );

  app.get(
    productsUrl,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Products with their variants; q keeps those with a variant SKU or name starting with q",
        params: CatalogAccountParams,
        querystring: ProductListQuery,
        response: { 200: ProductPage },
      },
    },
    async (request) => listProducts(app.db, { accountId: request.params.accountId, ...request.query }),
  );

  app.get(
    productUrl,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "One product with its variants",
        params: ProductParams,
        response: { 200: ProductResponse },
      },
    },
    async (request) => getProduct(app.db, request.params),
  );

  app.patch(
    productUrl,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Rename a product or change its key and category",
        params: ProductParams,
        body: UpdateProductBody,
        response: { 200: ProductResponse },
      },
    },
    async (request) => updateProduct(app.db, { ...request.params, input: request.body }),
  );

  app.delete(
    productUrl,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Delete a product and its variants unless a mapping uses one",
        params: ProductParams,
      },
    },
    async (request, reply) => {
      await deleteProduct(app.db, request.params);
      return reply.status(204).send();
    },
  );

  app.post(
    `${productUrl}/variants`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Add a variant to a product",
        params: ProductParams,
        body: VariantInput,
        response: { 201: VariantResponse },
      },
    },
    async (request, reply) => {
      const variant = await addVariant(app.db, { ...request.params, input: request.body });
      return reply.status(201).send(variant);
    },
  );
}
