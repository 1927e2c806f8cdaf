// `crosswalk translate` (order lines from a JSON or CSV file -> internal lines and totals) and
// `crosswalk feed` (a channel's inventory feed as JSON or CSV), straight against the database.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import { getInventoryFeed } from "../inventory/inventory-feed.ts";
import { getMappingIndex } from "../mappings/mapping-index.ts";
import { parseOrderFile } from "../orders/parse-order-file.ts";
import {
  addTotal,
  maxLinesPerCall,
  type TotalsBySku,
  toTotals,
  translateLines,
} from "../orders/translate-lines.ts";
import { type GlobalOptions, printJson, reportFailure, withDatabase } from "./context.ts";

export function registerTranslateCommands(program: Command) {
  program
    .command("translate")
    .description(
      "Translate order lines (JSON {lines} or CSV channel_sku,quantity[,seller_id,ref]) to internal SKUs",
    )
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .argument("<file>", "order lines file")
    .action(async (file: string, options: { account: string; channel: string }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        const lines = parseOrderFile({ text: readFileSync(file, "utf8"), fileName: file });
        const index = await getMappingIndex(db, { accountId: options.account, channelId: options.channel });
        const totals: TotalsBySku = new Map();
        const translated = [];
        // A file may be longer than one API call; it is translated in API-sized chunks.
        for (let i = 0; i < lines.length; i += maxLinesPerCall) {
          const part = translateLines(index, lines.slice(i, i + maxLinesPerCall));
          translated.push(...part.lines);
          for (const total of part.totals) addTotal(totals, total.sku, total.quantity);
        }
        printJson({ lines: translated, totals: toTotals(totals) });
      }).catch(reportFailure);
    });

  program
    .command("feed")
    .description("Print a channel's inventory feed: every mapped listing with its quantity")
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .option("--format <format>", "json or csv", "json")
    .option("--changed-since <cursor>", "only listings whose quantity changed after this cursor")
    .action(
      async (
        options: { account: string; channel: string; format: string; changedSince?: string },
        command: Command,
      ) => {
        if (options.format !== "json" && options.format !== "csv") {
          process.stderr.write(`error: --format must be json or csv, not "${options.format}"\n`);
          process.exitCode = 2;
          return;
        }
        await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
          const feed = await getInventoryFeed(db, {
            accountId: options.account,
            channelId: options.channel,
            changedSince: options.changedSince,
          });
          if (options.format === "json") return printJson(feed);
          process.stdout.write(
            stringify(
              feed.items.map((item) => [item.channelSku, item.sellerId, item.quantity]),
              { header: true, columns: ["channel_sku", "seller_id", "quantity"] },
            ),
          );
          process.stderr.write(`cursor ${feed.cursor}\n`);
        }).catch(reportFailure);
      },
    );
}
