// `crosswalk worker`: a process that only runs scheduled jobs (no HTTP). On PostgreSQL any number
// of workers and `crosswalk serve` processes share the jobs through pg-boss without running one
// slot twice; on SQLite `crosswalk serve` already runs them in-process.
import type { Command } from "commander";
import { openDatabase, resolveDatabaseConfig } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { startJobRunner } from "../jobs/job-runner.ts";
import { startImportFileSweeper } from "../transfer/import-files.ts";
import type { GlobalOptions } from "./context.ts";

/** Starts the job runner for `crosswalk serve` (unless --no-jobs) and `crosswalk worker`. */
export async function startJobsForCli(options: {
  db: ReturnType<typeof openDatabase>["db"];
  pollMs?: number;
}) {
  const config = resolveDatabaseConfig({});
  return startJobRunner({
    db: options.db,
    databaseUrl: config.url,
    pollMs: options.pollMs ?? Number(process.env.CROSSWALK_JOB_POLL_MS ?? 1000),
    settings: { retryBaseSeconds: Number(process.env.CROSSWALK_JOB_RETRY_BASE_SECONDS ?? 5) },
  });
}

export function registerWorkerCommand(program: Command) {
  program
    .command("worker")
    .description("Run scheduled jobs only (product downloads, inventory and product pushes)")
    .option("--poll-ms <ms>", "how often to look for due jobs", process.env.CROSSWALK_JOB_POLL_MS ?? "1000")
    .action(async (options: { pollMs: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const handle = openDatabase(resolveDatabaseConfig(globals));
      await migrateToLatest(handle.db);
      const runner = await startJobsForCli({ db: handle.db, pollMs: Number(options.pollMs) });
      const sweeper = startImportFileSweeper(handle.db, (error) =>
        process.stderr.write(`crosswalk worker: removing expired import files failed: ${String(error)}\n`),
      );
      process.stdout.write(`Crosswalk worker is running jobs (database ${handle.describe})\n`);
      // SIGTERM/SIGINT: finish the run in progress, release pg-boss and the pool, exit 0; a
      // failure while stopping is reported and exits 1 instead of leaving the process hanging.
      const stop = async () => {
        try {
          await sweeper.stop();
          await runner.stop();
          await handle.close();
          process.exit(0);
        } catch (error) {
          process.stderr.write(`crosswalk worker: could not stop cleanly: ${String(error)}\n`);
          process.exit(1);
        }
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
