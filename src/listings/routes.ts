// HTTP routes for a channel's listings: editors write, every member reads. Each route first
// proves the channel belongs to the account, so another account's channel is simply not found.
import { getChannel } from "../channels/get-channel.ts";
import { ChannelParams } from "../channels/schemas.ts";
import type { App } from "../http/types.ts";
import { createListing } from "./create-listing.ts";
import { deleteListing } from "./delete-listing.ts";
import { findListings } from "./find-listings.ts";
import { getListingView } from "./listing-view.ts";
import {
  CreateListingBody,
  ListingListQuery,
  ListingPage,
  ListingParams,
  ListingResponse,
  UpdateListingBody,
} from "./schemas.ts";
import { updateListing } from "./update-listing.ts";

const tags = ["listings"];
const collection = "/api/v1/accounts/:accountId/channels/:channelId/listings";
const item = `${collection}/:listingId`;

export function registerListingRoutes(app: App) {
  app.post(
    collection,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Create a listing (single, parent, variation of a parent, or bundle)",
        params: ChannelParams,
        body: CreateListingBody,
        response: { 201: ListingResponse },
      },
    },
    async (request, reply) => {
      const listing = await createListing(app.db, { ...request.params, listing: request.body });
      return reply.status(201).send(listing);
    },
  );

  app.get(
    collection,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Listings of a channel in channel SKU order; q is a channel SKU prefix",
        params: ChannelParams,
        querystring: ListingListQuery,
        response: { 200: ListingPage },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      const { mapped, ...query } = request.query;
      await getChannel(app.db, accountId, channelId);
      return findListings(app.db, {
        accountId,
        channelId,
        ...query,
        mapped: mapped === undefined ? undefined : mapped === "true",
      });
    },
  );

  app.get(
    item,
    {
      config: { minRole: "viewer" },
      schema: { tags, summary: "One listing", params: ListingParams, response: { 200: ListingResponse } },
    },
    async (request) => {
      await getChannel(app.db, request.params.accountId, request.params.channelId);
      return getListingView(app.db, request.params);
    },
  );

  app.patch(
    item,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary: "Change a listing's data, status or type",
        params: ListingParams,
        body: UpdateListingBody,
        response: { 200: ListingResponse },
      },
    },
    async (request) => updateListing(app.db, { ...request.params, changes: request.body }),
  );

  app.delete(
    item,
    {
      config: { minRole: "editor" },
      schema: { tags, summary: "Delete a listing and its mapping", params: ListingParams },
    },
    async (request, reply) => {
      await deleteListing(app.db, request.params);
      return reply.status(204).send();
    },
  );
}
