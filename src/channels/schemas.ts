// Request and response schemas of the channels area.
import { z } from "zod";
import { AccountParams } from "../accounts/schemas.ts";
import { PageQuery } from "../shared/pagination.ts";
import { channelKinds, channelPlatforms } from "./get-channel.ts";

export const ChannelKind = z.enum(channelKinds);
export const ChannelPlatform = z.enum(channelPlatforms);

const channelFields = {
  name: z.string().trim().min(1).max(200),
  kind: ChannelKind,
  platform: ChannelPlatform,
  sellerId: z.string().max(200),
  enabled: z.boolean(),
  canImportProducts: z.boolean(),
  buffer: z.number().int().min(0).max(1_000_000),
  familyLock: z.boolean(),
};

export const CreateChannelBody = z
  .object({
    name: channelFields.name,
    kind: channelFields.kind,
    platform: channelFields.platform,
    sellerId: channelFields.sellerId.optional(),
    enabled: channelFields.enabled.optional(),
    canImportProducts: channelFields.canImportProducts.optional(),
    buffer: channelFields.buffer.optional(),
    familyLock: channelFields.familyLock.optional(),
  })
  .strict();
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const UpdateChannelBody = CreateChannelBody.partial().strict();
export type UpdateChannelBody = z.infer<typeof UpdateChannelBody>;

export const ChannelParams = AccountParams.extend({ channelId: z.string().min(1) });

export const ChannelListQuery = PageQuery.strict();

export const ChannelResponse = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  displayName: z.string(),
  kind: ChannelKind,
  platform: ChannelPlatform,
  sellerId: z.string(),
  enabled: z.boolean(),
  canImportProducts: z.boolean(),
  buffer: z.number().int(),
  familyLock: z.boolean(),
  mappingVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ChannelPage = z.object({ items: z.array(ChannelResponse), nextCursor: z.string().nullable() });
