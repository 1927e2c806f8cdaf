// HTTP routes for stock levels: set, adjust, list.
import { z } from "zod";
import type { App } from "../http/types.ts";
import { listStockLevels } from "./list-stock.ts";
import { AccountParams, AdjustStockBody, SetStockBody, StockLevelResponse, StockQuery } from "./schemas.ts";
import { adjustStock, setStockLevels } from "./set-stock.ts";

const tags = ["inventory"];
const LevelsResponse = z.object({ items: z.array(StockLevelResponse) });

export function registerStockRoutes(app: App) {
  app.post(
    "/api/v1/accounts/:accountId/stock",
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Set on hand and reserved per SKU and location (default location: the account's warehouse)",
        params: AccountParams,
        body: SetStockBody,
        response: { 200: LevelsResponse },
      },
    },
    async (request) => ({
      items: await setStockLevels(app.db, {
        accountId: request.params.accountId,
        levels: request.body.levels,
      }),
    }),
  );

  app.post(
    "/api/v1/accounts/:accountId/stock/adjustments",
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Add deltas to on-hand stock; on hand never goes below 0",
        params: AccountParams,
        body: AdjustStockBody,
        response: { 200: LevelsResponse },
      },
    },
    async (request) => ({
      items: await adjustStock(app.db, {
        accountId: request.params.accountId,
        adjustments: request.body.adjustments,
      }),
    }),
  );

  app.get(
    "/api/v1/accounts/:accountId/stock",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Stock levels, filtered by SKU and location",
        params: AccountParams,
        querystring: StockQuery,
        response: {
          200: z.object({ items: z.array(StockLevelResponse), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => listStockLevels(app.db, { accountId: request.params.accountId, ...request.query }),
  );
}
