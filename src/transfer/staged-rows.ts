// The rows of a mapping file as both staged imports read them (staged-stage.ts on SQLite,
// pg-staged-stage.ts on PostgreSQL): header matched, each row's own cells checked
// (checkMappingRow), in batches, a large CSV parsed on a worker thread meanwhile.
import { AppError } from "../shared/errors.ts";
import { matchHeader } from "./headers.ts";
import {
  type CheckedMappingRow,
  checkMappingRow,
  mappingColumnIndexes,
  mappingColumns,
} from "./mapping-file.ts";
import { openRowSource, rowBatches } from "./row-source.ts";

export type StagedRow = CheckedMappingRow & { row: number };

/**
 * Opens the file, matches its header (INVALID_FILE and column errors are thrown before `stage`
 * runs) and hands `stage` the checked rows in batches, without the template's example row; a
 * file without rows throws INVALID_FILE at their end. The reader is closed however `stage` ends.
 */
export async function withStagedRows<T>(
  options: { path: string; onRow?: ((rowsRead: number) => void) | undefined },
  stage: (batches: AsyncIterable<StagedRow[]>) => Promise<T>,
): Promise<T> {
  const source = await openRowSource({ path: options.path, worker: true });
  try {
    const restore = source.format === "csv";
    const { index, header } = matchHeader({ header: source.header, columns: mappingColumns });
    const at = mappingColumnIndexes(index);
    const headerLength = header.length;
    async function* batches(): AsyncGenerator<StagedRow[]> {
      let rowsRead = 0;
      for await (const batch of rowBatches(source)) {
        const checkedRows: StagedRow[] = [];
        for (const { row, values } of batch) {
          const checked = checkMappingRow({ row, values, at, headerLength, restore });
          if (!checked) continue;
          rowsRead += 1;
          options.onRow?.(rowsRead);
          checkedRows.push(checked);
        }
        if (checkedRows.length > 0) yield checkedRows;
      }
      if (rowsRead === 0) {
        throw new AppError("INVALID_FILE", "The file has a header but no rows.", {
          row: 2,
          reason: "no data rows",
        });
      }
    }
    return await stage(batches());
  } finally {
    await source.close();
  }
}
