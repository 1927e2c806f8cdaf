// HTTP routes for one channel's mappings: create, list, read, remap, delete (one, selection, all).
import { z } from "zod";
import type { App } from "../http/types.ts";
import { createMapping } from "./create-mapping.ts";
import { deleteAllMappings, deleteMapping, deleteSelectedMappings } from "./delete-mappings.ts";
import { listMappings } from "./list-mappings.ts";
import { getMapping } from "./present-mappings.ts";
import { previewCreate, previewDelete, previewRemap } from "./preview-impact.ts";
import { remapFamily } from "./remap-family.ts";
import { remapListing } from "./remap-listing.ts";
import { registerCoverageRoutes } from "./routes-coverage.ts";
import { registerCoverageHistoryRoutes } from "./routes-coverage-history.ts";
import {
  ChangeCounts,
  ChannelParams,
  CreateMappingBody,
  DeleteAllQuery,
  DeleteManyBody,
  ListMappingsQuery,
  MappingParams,
  MappingResponse,
  PreviewQuery,
  PreviewResponse,
  RemapBody,
  RemapFamilyBody,
} from "./schemas.ts";

const tags = ["mappings"];
const base = "/api/v1/accounts/:accountId/channels/:channelId/mappings";
const WithMapping = z.object({ operationId: z.string(), mapping: MappingResponse });

export function registerMappingRoutes(app: App) {
  registerCoverageRoutes(app);
  registerCoverageHistoryRoutes(app);
  app.post(
    base,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Map a channel SKU to variants (the listing is created when unknown)",
        params: ChannelParams,
        querystring: PreviewQuery,
        body: CreateMappingBody,
        response: { 201: WithMapping, 200: PreviewResponse },
      },
    },
    async (request, reply) => {
      if (request.query.preview === "true") {
        return previewCreate(app.db, { ...request.params, ...request.body });
      }
      const result = await createMapping(app.db, {
        accountId: request.params.accountId,
        channelId: request.params.channelId,
        actorUserId: request.caller.userId,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    base,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Mappings of a channel (search, filter by origin or warning, cursor pages)",
        params: ChannelParams,
        querystring: ListMappingsQuery,
        response: { 200: z.object({ items: z.array(MappingResponse), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) =>
      listMappings(app.db, {
        accountId: request.params.accountId,
        channelId: request.params.channelId,
        query: request.query,
      }),
  );

  app.delete(
    base,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Delete every mapping of the channel as one undoable operation (needs confirm=delete-all)",
        params: ChannelParams,
        querystring: DeleteAllQuery,
        response: { 200: z.union([ChangeCounts, PreviewResponse]) },
      },
    },
    async (request) =>
      request.query.preview === "true"
        ? previewDelete(app.db, request.params)
        : deleteAllMappings(app.db, {
            accountId: request.params.accountId,
            channelId: request.params.channelId,
            actorUserId: request.caller.userId,
            confirm: request.query.confirm,
          }),
  );

  app.post(
    `${base}/delete`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Delete the selected mappings as one undoable operation",
        params: ChannelParams,
        body: DeleteManyBody,
        response: { 200: ChangeCounts },
      },
    },
    async (request) =>
      deleteSelectedMappings(app.db, {
        accountId: request.params.accountId,
        channelId: request.params.channelId,
        actorUserId: request.caller.userId,
        mappingIds: request.body.mappingIds,
      }),
  );

  app.post(
    `${base}/remap-family`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Replace every mapping of a variation family and a product family in one operation",
        params: ChannelParams,
        body: RemapFamilyBody,
        response: { 200: ChangeCounts },
      },
    },
    async (request) =>
      remapFamily(app.db, { ...request.params, actorUserId: request.caller.userId, ...request.body }),
  );

  app.get(
    `${base}/:mappingId`,
    {
      config: { minRole: "viewer" },
      schema: { tags, summary: "One mapping", params: MappingParams, response: { 200: MappingResponse } },
    },
    async (request) => getMapping(app.db, request.params),
  );

  app.put(
    `${base}/:mappingId`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Remap: replace the listing's components in one step",
        params: MappingParams,
        querystring: PreviewQuery,
        body: RemapBody,
        response: { 200: z.union([WithMapping, PreviewResponse]) },
      },
    },
    async (request) =>
      request.query.preview === "true"
        ? previewRemap(app.db, { ...request.params, components: request.body.components })
        : remapListing(app.db, {
            ...request.params,
            actorUserId: request.caller.userId,
            components: request.body.components,
          }),
  );

  app.delete(
    `${base}/:mappingId`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Delete one mapping (undoable)",
        params: MappingParams,
        querystring: PreviewQuery,
        response: { 200: z.union([ChangeCounts, PreviewResponse]) },
      },
    },
    async (request) =>
      request.query.preview === "true"
        ? previewDelete(app.db, request.params)
        : deleteMapping(app.db, { ...request.params, actorUserId: request.caller.userId }),
  );
}
