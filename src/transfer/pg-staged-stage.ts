// PostgreSQL fast path of the mapping import, step 1: the file's rows are streamed with
// `COPY ... FROM STDIN` (pg-copy-streams) on the transaction's own connection into a TEMP table,
// each with its own cell checks already done (checkMappingRow, as staged-stage.ts does on SQLite);
// one INSERT ... SELECT then joins the variants to resolve every internal SKU at once into
// pg_temp.import_rows. Nothing is kept per row in JS: the COPY stream's back-pressure paces the
// file reader, so memory stays flat whatever the file's size.
// Must run inside a transaction (the TEMP tables are also dropped at its end).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import { from as copyFrom } from "pg-copy-streams";
import { type Db, rawPostgres } from "../db/database.ts";
import { withStagedRows } from "./staged-rows.ts";
import { rowKind } from "./staged-stage.ts";

const pgStagedTables = ["import_file", "import_rows", "import_groups", "import_removals"];

/** Drops the staged tables; in a transaction already failed it leaves them to its rollback. */
export async function dropPgStagedTables(trx: Db): Promise<void> {
  const tables = pgStagedTables.map((table) => `pg_temp.${table}`).join(", ");
  try {
    await sql.raw(`drop table if exists ${tables}`).execute(trx);
  } catch (error) {
    // 25P02: the transaction is aborted (a failed statement); its rollback drops them (on commit drop)
    if ((error as { code?: string }).code !== "25P02") throw error;
  }
}

// The staged columns; SKU columns compare byte by byte ("C"), as the listings' and variants' do.
const stagedColumns = `row_no integer not null, channel_sku text collate "C" not null,
  internal_sku text collate "C" not null, quantity integer, seller_id text collate "C" not null,
  action text not null, kind integer, err_column text, err_value text, err_reason text`;
const copyColumns =
  "row_no, channel_sku, internal_sku, quantity, seller_id, action, kind, err_column, err_value, err_reason";

const copySpecial = /[\\\t\n\r]/;
const copySpecialAll = /[\\\t\n\r]/g;
const copyEscapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A text value as a field of COPY's text format. */
function copyText(value: string): string {
  return copySpecial.test(value) ? value.replace(copySpecialAll, (c) => copyEscapes[c] ?? c) : value;
}

const chunkChars = 256 * 1024;

/** Stages every row of the file; answers the number of rows (the template's example row excluded). */
export async function stagePgMappingRows(
  trx: Db,
  options: {
    accountId: string;
    channelSellerId: string;
    path: string;
    onRow?: ((rowsRead: number) => void) | undefined;
  },
): Promise<number> {
  return withStagedRows(options, async (batches) => {
    const client = await rawPostgres(trx);
    if (!client) throw new Error("stagePgMappingRows needs a PostgreSQL transaction");
    await dropPgStagedTables(trx);
    await sql.raw(`create temp table import_file (${stagedColumns}) on commit drop`).execute(trx);
    let totalRows = 0;
    // COPY text lines, a chunk at a time: a write per row cost more than the row's checks
    async function* copyLines(): AsyncGenerator<string> {
      let chunk = "";
      for await (const batch of batches) {
        totalRows += batch.length;
        for (const checked of batch) {
          const { error } = checked;
          const quantity = typeof checked.quantity === "number" ? String(checked.quantity) : "\\N";
          chunk += `${checked.row}\t${copyText(checked.channelSku)}\t${copyText(checked.internalSku)}\t${quantity}\t${copyText(
            checked.sellerId,
          )}\t${checked.action}\t${
            error
              ? `${rowKind.cell}\t${copyText(error.column)}\t${copyText(error.value)}\t${copyText(error.reason)}`
              : "\\N\t\\N\t\\N\t\\N"
          }\n`;
          if (chunk.length >= chunkChars) {
            yield chunk;
            chunk = "";
          }
        }
      }
      if (chunk !== "") yield chunk;
    }
    await pipeline(
      Readable.from(copyLines(), { objectMode: false }),
      client.query(copyFrom(`copy pg_temp.import_file (${copyColumns}) from stdin`)),
    );
    await indexStagedRows(trx, options);
    return totalRows;
  });
}

/**
 * Variants resolved, keys and statistics for the checks: import_file becomes import_rows. gkey is
 * the listing a row belongs to as one column (see groupKeyOf in staged-stage.ts): the channel SKU
 * for the channel's own seller, else the seller id, a unit separator and the channel SKU.
 */
async function indexStagedRows(
  trx: Db,
  options: { accountId: string; channelSellerId: string },
): Promise<void> {
  const { accountId } = options;
  await sql`analyze pg_temp.import_file`.execute(trx);
  // each internal SKU resolved to its variant, only for rows without an error of their own
  // (such a row is rejected whatever its variant), in one join
  await sql
    .raw(
      `create temp table import_rows (${stagedColumns}, variant_id text, gkey text collate "C" not null) on commit drop`,
    )
    .execute(trx);
  await sql`insert into pg_temp.import_rows
    select f.*, v.id,
      case when f.seller_id = '' or f.seller_id = ${options.channelSellerId}::text then f.channel_sku
        else f.seller_id || chr(31) || f.channel_sku end
    from pg_temp.import_file f
    left join variants v on f.kind is null and f.internal_sku <> ''
      and v.account_id = ${accountId} and v.sku = f.internal_sku`.execute(trx);
  await sql`drop table pg_temp.import_file`.execute(trx);
  await sql`alter table pg_temp.import_rows add primary key (row_no)`.execute(trx);
  await sql`create index import_rows_sku on pg_temp.import_rows (gkey, internal_sku)`.execute(trx);
  await sql`analyze pg_temp.import_rows`.execute(trx);
}
