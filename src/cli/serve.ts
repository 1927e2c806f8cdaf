// `crosswalk serve`: migrate, then serve the API (and the console, when built) until stopped.
import type { Command } from "commander";
import { countUsers } from "../accounts/users.ts";
import { openDatabase, resolveDatabaseConfig } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { buildServer } from "../http/server.ts";
import { startImportFileSweeper } from "../transfer/import-files.ts";
import type { GlobalOptions } from "./context.ts";
import { startJobsForCli } from "./worker.ts";

export function registerServeCommand(program: Command) {
  program
    .command("serve")
    .description("Start the HTTP API and web console")
    .option("--port <port>", "port to listen on", process.env.PORT ?? "3000")
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--no-jobs", "do not run scheduled jobs in this process (leave them to `crosswalk worker`)")
    .action(async (options: { port: string; host: string; jobs: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const handle = openDatabase(resolveDatabaseConfig(globals));
      await migrateToLatest(handle.db);
      const { app } = await buildServer({
        db: handle.db,
        logger: { level: process.env.LOG_LEVEL ?? "warn" },
      });
      const jobs = options.jobs ? await startJobsForCli({ db: handle.db }) : null;
      const sweeper = startImportFileSweeper(handle.db, (error) =>
        app.log.error({ err: error }, "removing expired import files failed"),
      );
      const address = await app.listen({ port: Number(options.port), host: options.host });
      process.stdout.write(`Crosswalk is running on ${address} (database ${handle.describe})\n`);
      process.stdout.write(`  Web console: open ${address} in a browser`);
      process.stdout.write((await countUsers(handle.db)) === 0 ? " and create the owner there\n" : "\n");
      process.stdout.write(`  API docs: ${address}/api/docs\n`);
      const stop = async () => {
        await app.close();
        await sweeper.stop();
        await jobs?.stop();
        await handle.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
