// The `crosswalk` command line. Each area registers its commands here.
import { Command, CommanderError } from "commander";
import { registerAdminCommands } from "./admin-commands.ts";
import { exitCodes } from "./context.ts";
import { registerListingDownloadCommands } from "./listing-commands.ts";
import { registerServeCommand } from "./serve.ts";
import { registerTransferCommands } from "./transfer-commands.ts";
import { registerTranslateCommands } from "./translate-commands.ts";
import { registerWorkerCommand } from "./worker.ts";

export function buildProgram(): Command {
  const program = new Command("crosswalk")
    .description("Crosswalk: SKU mapping and catalog sync service")
    .option(
      "--db <path>",
      "SQLite database file (default $CROSSWALK_DB or ./data/crosswalk.db; DATABASE_URL selects PostgreSQL)",
    )
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerAdminCommands(program);
  registerTranslateCommands(program);
  registerTransferCommands(program);
  registerListingDownloadCommands(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  } else {
    throw error;
  }
}
