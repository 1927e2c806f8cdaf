// Reading the audit history: operations of an account (optionally one channel) newest first,
// with counts of what each did, and an operation's entries in order.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { AppError } from "../shared/errors.ts";

export type OperationCounts = { entries: number; created: number; updated: number; deleted: number };

export type Operation = {
  id: string;
  channelId: string | null;
  kind: string;
  summary: string;
  actor: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
  counts: OperationCounts;
};

export type OperationEntry = {
  seq: number;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

type OperationRow = {
  id: string;
  channel_id: string | null;
  kind: string;
  summary: string;
  actor_user_id: string | null;
  created_at: string;
  undone_at: string | null;
  undone_by: string | null;
};

const columns = [
  "id",
  "channel_id",
  "kind",
  "summary",
  "actor_user_id",
  "created_at",
  "undone_at",
  "undone_by",
] as const;

async function countEntries(db: Db, accountId: string, ids: string[]): Promise<Map<string, OperationCounts>> {
  const counts = new Map<string, OperationCounts>();
  if (ids.length === 0) return counts;
  const rows = await db
    .selectFrom("audit_entries")
    .select([
      "operation_id",
      sql<number>`count(*)`.as("entries"),
      sql<number>`sum(case when ${sql.ref("before")} is null and ${sql.ref("after")} is not null then 1 else 0 end)`.as(
        "created",
      ),
      sql<number>`sum(case when ${sql.ref("before")} is not null and ${sql.ref("after")} is not null then 1 else 0 end)`.as(
        "updated",
      ),
      sql<number>`sum(case when ${sql.ref("before")} is not null and ${sql.ref("after")} is null then 1 else 0 end)`.as(
        "deleted",
      ),
    ])
    .where("account_id", "=", accountId)
    .where("operation_id", "in", ids)
    .groupBy("operation_id")
    .execute();
  for (const row of rows) {
    counts.set(row.operation_id, {
      entries: Number(row.entries),
      created: Number(row.created),
      updated: Number(row.updated),
      deleted: Number(row.deleted),
    });
  }
  return counts;
}

async function toOperations(db: Db, accountId: string, rows: OperationRow[]): Promise<Operation[]> {
  const counts = await countEntries(
    db,
    accountId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    channelId: row.channel_id,
    kind: row.kind,
    summary: row.summary,
    actor: row.actor_user_id,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
    counts: counts.get(row.id) ?? { entries: 0, created: 0, updated: 0, deleted: 0 },
  }));
}

/** Newest first; `beforeId` is the last id of the previous page. */
export async function selectOperations(
  db: Db,
  options: {
    accountId: string;
    channelId?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
): Promise<Operation[]> {
  let query = db.selectFrom("operations").select(columns).where("account_id", "=", options.accountId);
  if (options.channelId) query = query.where("channel_id", "=", options.channelId);
  if (options.beforeId) query = query.where("id", "<", options.beforeId);
  const rows = await query.orderBy("id", "desc").limit(options.limit).execute();
  return toOperations(db, options.accountId, rows);
}

export async function getOperationRecord(db: Db, accountId: string, operationId: string): Promise<Operation> {
  const row = await db
    .selectFrom("operations")
    .select(columns)
    .where("account_id", "=", accountId)
    .where("id", "=", operationId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError("OPERATION_NOT_FOUND", "Operation not found in this account.", {
      field: "operationId",
      value: operationId,
    });
  }
  const [operation] = await toOperations(db, accountId, [row]);
  return operation!;
}

export async function selectEntries(
  db: Db,
  options: { accountId: string; operationId: string; afterSeq?: number | undefined; limit: number },
): Promise<OperationEntry[]> {
  let query = db
    .selectFrom("audit_entries")
    .select(["seq", "entity", "entity_id", "before", "after"])
    .where("account_id", "=", options.accountId)
    .where("operation_id", "=", options.operationId);
  if (options.afterSeq !== undefined) query = query.where("seq", ">", options.afterSeq);
  const rows = await query.orderBy("seq").limit(options.limit).execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  }));
}

/** The newest operation after `afterId` that touched each of these entities (to explain conflicts). */
export async function findLaterChanges(
  db: Db,
  options: { accountId: string; afterId: string; entityIds: string[] },
): Promise<Map<string, { operationId: string; kind: string; actor: string | null; createdAt: string }>> {
  const found = new Map<
    string,
    { operationId: string; kind: string; actor: string | null; createdAt: string }
  >();
  for (let i = 0; i < options.entityIds.length; i += 500) {
    const rows = await db
      .selectFrom("audit_entries as e")
      .innerJoin("operations as o", (join) =>
        join.onRef("o.account_id", "=", "e.account_id").onRef("o.id", "=", "e.operation_id"),
      )
      .select(["e.entity_id", "o.id", "o.kind", "o.actor_user_id", "o.created_at"])
      .where("e.account_id", "=", options.accountId)
      .where("e.entity_id", "in", options.entityIds.slice(i, i + 500))
      .where("o.id", ">", options.afterId)
      .orderBy("o.id")
      .execute();
    for (const row of rows) {
      found.set(row.entity_id, {
        operationId: row.id,
        kind: row.kind,
        actor: row.actor_user_id,
        createdAt: row.created_at,
      });
    }
  }
  return found;
}

/** Marks the operation undone unless it already is; false when another undo got there first. */
export async function markUndone(
  db: Db,
  options: { accountId: string; operationId: string; userId: string | null; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable("operations")
    .set({ undone_at: options.now, undone_by: options.userId })
    .where("account_id", "=", options.accountId)
    .where("id", "=", options.operationId)
    .where("undone_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
