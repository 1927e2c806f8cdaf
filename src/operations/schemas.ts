// zod schemas of the operation (audit history) routes.
import { z } from "zod";

export const OperationParams = z.object({ accountId: z.string(), operationId: z.string() });

export const ListOperationsQuery = z.object({
  channelId: z.string().max(100).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const EntriesQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const Counts = z.object({
  entries: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
});

export const OperationResponse = z.object({
  id: z.string(),
  channelId: z.string().nullable(),
  kind: z.string(),
  summary: z.string(),
  actor: z.string().nullable().describe("user id of who made the change"),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  counts: Counts,
});

const MappingState = z.object({
  origin: z.string(),
  components: z.array(z.object({ variantId: z.string(), quantity: z.number().int() })),
});

/** A mapping's state; other entities (a setting, a synced product or variant) record their fields. */
const State = z.union([MappingState, z.record(z.string(), z.unknown())]);

export const OperationDetailResponse = OperationResponse.extend({
  entries: z.array(
    z.object({
      seq: z.number().int(),
      entity: z.string(),
      entityId: z.string().describe("listing id for entity 'mapping'"),
      // mapping: { origin, components }; setting, product, variant: the fields before / after
      before: State.nullable(),
      after: State.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const UndoResponse = z.object({
  operationId: z.string().describe("the new operation (kind 'undo')"),
  undoneOperationId: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
});
