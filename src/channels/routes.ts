// HTTP routes for channels: admins create, change and delete them; every member reads them.

import { AccountParams } from "../accounts/schemas.ts";
import type { App } from "../http/types.ts";
import { createChannel } from "./create-channel.ts";
import { deleteChannel } from "./delete-channel.ts";
import { findChannels } from "./find-channels.ts";
import { getChannel } from "./get-channel.ts";
import {
  ChannelListQuery,
  ChannelPage,
  ChannelParams,
  ChannelResponse,
  CreateChannelBody,
  UpdateChannelBody,
} from "./schemas.ts";
import { updateChannel } from "./update-channel.ts";

const tags = ["channels"];

export function registerChannelRoutes(app: App) {
  app.post(
    "/api/v1/accounts/:accountId/channels",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Create a channel",
        params: AccountParams,
        body: CreateChannelBody,
        response: { 201: ChannelResponse },
      },
    },
    async (request, reply) => {
      const channel = await createChannel(app.db, {
        accountId: request.params.accountId,
        channel: request.body,
      });
      return reply.status(201).send(channel);
    },
  );

  app.get(
    "/api/v1/accounts/:accountId/channels",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Channels of the account, oldest first",
        params: AccountParams,
        querystring: ChannelListQuery,
        response: { 200: ChannelPage },
      },
    },
    async (request) =>
      findChannels(app.db, {
        accountId: request.params.accountId,
        cursor: request.query.cursor,
        limit: request.query.limit,
      }),
  );

  app.get(
    "/api/v1/accounts/:accountId/channels/:channelId",
    {
      config: { minRole: "viewer" },
      schema: { tags, summary: "One channel", params: ChannelParams, response: { 200: ChannelResponse } },
    },
    async (request) => getChannel(app.db, request.params.accountId, request.params.channelId),
  );

  app.patch(
    "/api/v1/accounts/:accountId/channels/:channelId",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Change a channel's settings",
        params: ChannelParams,
        body: UpdateChannelBody,
        response: { 200: ChannelResponse },
      },
    },
    async (request) =>
      updateChannel(app.db, {
        accountId: request.params.accountId,
        channelId: request.params.channelId,
        changes: request.body,
      }),
  );

  app.delete(
    "/api/v1/accounts/:accountId/channels/:channelId",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Delete a channel with its listings and their mappings",
        params: ChannelParams,
      },
    },
    async (request, reply) => {
      await deleteChannel(app.db, request.params);
      return reply.status(204).send();
    },
  );
}
