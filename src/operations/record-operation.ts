// The audit history: every change to mappings (and settings) is one operation with its entries
// (entity, before, after), written in the same transaction as the change itself, so it can be
// listed, explained and undone.
import type { Db } from "../db/database.ts";
import { newId, nowIso } from "../shared/ids.ts";

export type AuditEntry = { entity: string; entityId: string; before: unknown; after: unknown };

export type RecordOperationOptions = {
  accountId: string;
  channelId: string | null;
  kind: string;
  actorUserId: string | null;
  summary: string;
  entries: AuditEntry[];
};

const batchSize = 500;

export async function recordOperation(db: Db, options: RecordOperationOptions): Promise<string> {
  const id = newId();
  await db
    .insertInto("operations")
    .values({
      account_id: options.accountId,
      id,
      channel_id: options.channelId,
      kind: options.kind,
      actor_user_id: options.actorUserId,
      summary: options.summary,
      created_at: nowIso(),
      undone_at: null,
      undone_by: null,
    })
    .execute();
  for (let start = 0; start < options.entries.length; start += batchSize) {
    const rows = options.entries.slice(start, start + batchSize).map((entry, index) => ({
      account_id: options.accountId,
      operation_id: id,
      seq: start + index,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    }));
    await db.insertInto("audit_entries").values(rows).execute();
  }
  return id;
}
