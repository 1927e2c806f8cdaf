// `crosswalk listings download|custom-sheet|apply-custom-sheet|create-products` and
// `crosswalk match suggest|accept`: listing download from channel files, the custom-mapping
// sheet, create-from-listing and scored suggestions, against the configured database. Results
// are JSON on stdout; failures exit 1, usage errors 2.
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import { getChannel } from "../channels/get-channel.ts";
import { applyCustomSheet } from "../downloads/apply-custom-sheet.ts";
import { createProductsFromListings } from "../downloads/create-products-from-listings.ts";
import { customSheetHeader, generateCustomSheetRows } from "../downloads/custom-sheet.ts";
import { downloadListings } from "../downloads/download-listings.ts";
import { openSheet } from "../downloads/receive-file.ts";
import { channelFileFormats, parseColumns } from "../downloads/schemas.ts";
import { acceptSuggestions } from "../matching/accept-suggestions.ts";
import { defaultMinScore, findSuggestions } from "../matching/find-suggestions.ts";
import { createTableStream } from "../transfer/table-output.ts";
import { exitCodes, type GlobalOptions, printJson, reportFailure, withDatabase } from "./context.ts";

type Scope = { account: string; channel: string };

function usage(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = exitCodes.usage;
}

function readScore(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  const score = Number(raw);
  return Number.isFinite(score) && score >= 0 && score <= 1 ? score : undefined;
}

function registerListingCommands(program: Command) {
  const listings = program
    .command("listings")
    .description("Channel listings: download, custom sheet, create products");
  listings
    .command("download")
    .description("Download a channel's listings from its export file and auto-map them (exact SKU or GTIN)")
    .argument("<file>", "the channel's export file")
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .requiredOption("--format <format>", channelFileFormats.join("|"))
    .option("--since-last", "only listings new or changed since the channel's previous download")
    .option("--columns <json>", 'generic format: {"channelSku":"SKU",...}')
    .option("--currency <code>", "currency of prices when the file does not say (e.g. EUR)")
    .action(
      async (
        file: string,
        options: Scope & { format: string; sinceLast?: boolean; columns?: string; currency?: string },
        command: Command,
      ) => {
        const format = channelFileFormats.find((f) => f === options.format);
        if (!format) return usage(`--format must be one of ${channelFileFormats.join(", ")}`);
        await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
          const columns = parseColumns(options.columns);
          const read = await readChannelFile(await readFile(resolve(file)), {
            format,
            ...(columns ? { columns } : {}),
            ...(options.currency ? { currency: options.currency } : {}),
          });
          printJson(
            await downloadListings(db, {
              accountId: options.account,
              channelId: options.channel,
              actorUserId: null,
              mode: options.sinceLast ? "since_last" : "all",
              fileName: file,
              read,
            }),
          );
        }).catch(reportFailure);
      },
    );

  listings
    .command("custom-sheet")
    .description(
      "Write the custom-mapping sheet: unmapped, unmappable listings with an empty internal_sku column",
    )
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .option("-o, --output <file>", "file to write (default stdout); .xlsx writes a spreadsheet")
    .action(async (options: Scope & { output?: string }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        await getChannel(db, options.account, options.channel);
        const format = options.output?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
        const stream = createTableStream({
          format,
          header: customSheetHeader,
          rows: generateCustomSheetRows(db, { accountId: options.account, channelId: options.channel }),
          sheetName: "custom mappings",
        });
        await pipeline(stream, options.output ? createWriteStream(resolve(options.output)) : process.stdout);
      }).catch(reportFailure);
    });

  listings
    .command("apply-custom-sheet")
    .description("Apply a filled-in custom-mapping sheet (CSV or XLSX); valid rows become one operation")
    .argument("<file>", "the filled-in sheet")
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .option("--dry-run", "validate every row and report, writing nothing")
    .action(async (file: string, options: Scope & { dryRun?: boolean }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        const sheet = await openSheet(await readFile(resolve(file)));
        try {
          const result = await applyCustomSheet(db, {
            accountId: options.account,
            channelId: options.channel,
            actorUserId: null,
            source: sheet.source,
            dryRun: options.dryRun === true,
          });
          printJson(result);
          if (result.failed.length > 0) process.exitCode = exitCodes.failed;
        } finally {
          await sheet.close();
        }
      }).catch(reportFailure);
    });

  listings
    .command("create-products")
    .description("Create internal products from unmappable listings and map them")
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .option("--listing <id...>", "listing ids (a parent brings its variations)")
    .option("--all-unmappable", "every unmapped listing that cannot be auto-mapped")
    .action(async (options: Scope & { listing?: string[]; allUnmappable?: boolean }, command: Command) => {
      if (!options.allUnmappable && !options.listing?.length)
        return usage("give --listing ID... or --all-unmappable");
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        printJson(
          await createProductsFromListings(db, {
            accountId: options.account,
            channelId: options.channel,
            actorUserId: null,
            listingIds: options.listing,
            allUnmappable: options.allUnmappable,
          }),
        );
      }).catch(reportFailure);
    });
}

function registerMatchCommands(program: Command) {
  const match = program.command("match").description("Scored mapping suggestions");
  match
    .command("suggest")
    .description("Print scored suggestions for the channel's unmapped listings (JSON)")
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .option("--min-score <score>", `least score 0..1 (default ${defaultMinScore})`)
    .action(async (options: Scope & { minScore?: string }, command: Command) => {
      const minScore = readScore(options.minScore, defaultMinScore);
      if (minScore === undefined) return usage("--min-score must be a number from 0 to 1");
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        const items = [];
        let cursor: string | undefined;
        do {
          const page = await findSuggestions(db, {
            accountId: options.account,
            channelId: options.channel,
            minScore,
            cursor,
            limit: 500,
          });
          items.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        printJson(items);
      }).catch(reportFailure);
    });

  match
    .command("accept")
    .description(
      "Map every unmapped listing whose best suggestion scores at least --min-score (ties skipped)",
    )
    .requiredOption("--account <id>", "account id")
    .requiredOption("--channel <id>", "channel id")
    .requiredOption("--min-score <score>", "least score 0..1")
    .action(async (options: Scope & { minScore: string }, command: Command) => {
      const minScore = readScore(options.minScore, 1);
      if (minScore === undefined) return usage("--min-score must be a number from 0 to 1");
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        printJson(
          await acceptSuggestions(db, {
            accountId: options.account,
            channelId: options.channel,
            actorUserId: null,
            allAboveScore: minScore,
          }),
        );
      }).catch(reportFailure);
    });
}

export function registerListingDownloadCommands(program: Command) {
  registerListingCommands(program);
  registerMatchCommands(program);
}
