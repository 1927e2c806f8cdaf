// The error file of an import: the rejected rows exactly as uploaded (same columns, in file
// order) with an added `error` column, so the user fixes them and uploads just those rows again.
import type { Db } from "../db/database.ts";
import { restoreCell } from "./cell-text.ts";
import { listImportErrors } from "./import-store.ts";
import { openRowSource } from "./row-source.ts";
import type { Cell } from "./table-output.ts";

export async function readErrorFile(
  db: Db,
  options: { accountId: string; importId: string; filePath: string },
): Promise<{ header: string[]; rows: AsyncGenerator<Cell[]> }> {
  const errors = await listImportErrors(db, options);
  const reasons = new Map<number, string>();
  for (const e of errors) {
    if (reasons.has(e.row)) continue;
    reasons.set(
      e.row,
      e.column ? `${e.column}: ${e.value === "" ? "" : `"${e.value}" `}${e.reason}` : e.reason,
    );
  }
  const source = await openRowSource({ path: options.filePath });
  const width = source.header.length;
  async function* rows(): AsyncGenerator<Cell[]> {
    for await (const { row, values } of source.rows) {
      const reason = reasons.get(row);
      if (reason === undefined) continue;
      // written again through the CSV writer, which neutralises cells itself
      const cells = values.slice(0, width).map((v) => (source.format === "csv" ? restoreCell(v) : v));
      while (cells.length < width) cells.push("");
      yield [...cells, reason];
    }
  }
  return { header: [...source.header, "error"], rows: rows() };
}
