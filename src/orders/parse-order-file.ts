// Reads order lines from a file's text for `crosswalk translate`: JSON `{ "lines": [...] }` or
// CSV with a header naming channel_sku and quantity (seller_id and ref optional). Header names
// match case- and separator-insensitively; a bad row is reported with its number.
import { parse } from "csv-parse/sync";
import { AppError } from "../shared/errors.ts";
import { OrderLineBody } from "./schemas.ts";
import type { OrderLine } from "./translate-lines.ts";

const columnNames: Record<string, keyof OrderLine> = {
  channelsku: "channelSku",
  quantity: "quantity",
  sellerid: "sellerId",
  ref: "ref",
};

function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, "");
}

function checkLine(value: unknown, where: string): OrderLine {
  const result = OrderLineBody.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  throw new AppError(
    "VALIDATION_FAILED",
    `${where}${field ? ` ${field}` : ""}: ${issue?.message ?? "is invalid"}`,
    {
      field: `${where}${field ? `.${field}` : ""}`,
    },
  );
}

export function parseOrderFile(options: { text: string; fileName: string }): OrderLine[] {
  const text = options.text.replace(/^\uFEFF/, "");
  const trimmed = text.trimStart();
  if (options.fileName.toLowerCase().endsWith(".json") || trimmed.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new AppError(
        "INVALID_JSON",
        `${options.fileName} is not valid JSON: ${(error as Error).message}`,
      );
    }
    const lines = (value as { lines?: unknown } | null)?.lines;
    if (!Array.isArray(lines)) {
      throw new AppError("VALIDATION_FAILED", `${options.fileName} must hold { "lines": [...] }.`, {
        field: "lines",
      });
    }
    return lines.map((line, i) => checkLine(line, `lines.${i}`));
  }
  const rows: string[][] = parse(text, {
    delimiter: [",", ";", "\t"],
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const header = (rows[0] ?? []).map((name) => columnNames[headerKey(name)]);
  if (!header.includes("channelSku") || !header.includes("quantity")) {
    throw new AppError(
      "VALIDATION_FAILED",
      `${options.fileName}: the header must name channel_sku and quantity.`,
      {
        field: "header",
      },
    );
  }
  return rows.slice(1).map((row, i) => {
    const line: Record<string, unknown> = {};
    header.forEach((key, column) => {
      const cell = row[column];
      if (!key || cell === undefined || cell === "") return;
      line[key] = key === "quantity" && /^\s*-?\d+(\.\d+)?\s*$/.test(cell) ? Number(cell) : cell;
    });
    return checkLine(line, `row ${i + 2}`);
  });
}
