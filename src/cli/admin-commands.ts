// `crosswalk migrate`, `compact`, `user create`, `apikey create`, `account create`: set-up and
// upkeep commands that work directly against the configured database.
import type { Command } from "commander";
import { createAccount } from "../accounts/accounts.ts";
import { createApiKey } from "../accounts/credentials.ts";
import { createUser, getUserByEmail, setPassword } from "../accounts/users.ts";
import { compactDatabase } from "../db/compact.ts";
import { openDatabase, resolveDatabaseConfig } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { type GlobalOptions, printJson, reportFailure, withDatabase } from "./context.ts";

export function registerAdminCommands(program: Command) {
  program
    .command("migrate")
    .description("Apply pending database migrations")
    .action(async (_options: unknown, command: Command) => {
      const handle = openDatabase(resolveDatabaseConfig(command.optsWithGlobals<GlobalOptions>()));
      try {
        const applied = await migrateToLatest(handle.db);
        process.stdout.write(
          applied.length
            ? `applied ${applied.join(", ")} to ${handle.describe}\n`
            : `${handle.describe} is up to date\n`,
        );
      } catch (error) {
        reportFailure(error);
      } finally {
        await handle.close();
      }
    });

  program
    .command("compact")
    .description(
      "Give back the space of deleted rows: SQLite writes the file anew (VACUUM; it needs as much free disk as the file's size), PostgreSQL runs VACUUM ANALYZE",
    )
    .action(async (_options: unknown, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db, describe }) => {
        const result = await compactDatabase(db);
        process.stdout.write(
          "vacuumed" in result
            ? `vacuumed ${describe}\n`
            : `compacted ${describe}: ${megabytes(result.bytesBefore)} -> ${megabytes(result.bytesAfter)}\n`,
        );
      }).catch(reportFailure);
    });

  const user = program.command("user").description("Manage users");
  user
    .command("create")
    .description("Create a user who can sign in")
    .requiredOption("--email <email>", "email address (the sign-in name)")
    .requiredOption("--password <password>", "password, at least 8 characters")
    .action(async (options: { email: string; password: string }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        printJson(await createUser(db, options));
      }).catch(reportFailure);
    });

  user
    .command("set-password")
    .description("Set a user's password (a member added without one can then sign in)")
    .requiredOption("--email <email>", "the user's email")
    .requiredOption("--password <password>", "password, at least 8 characters")
    .action(async (options: { email: string; password: string }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        const found = await getUserByEmail(db, options.email);
        await setPassword(db, found.id, options.password);
        printJson({ email: found.email, passwordSet: true });
      }).catch(reportFailure);
    });

  const apikey = program.command("apikey").description("Manage API keys");
  apikey
    .command("create")
    .description("Create an API key for a user; prints the key once")
    .requiredOption("--email <email>", "the user the key acts as")
    .option("--name <name>", "a label for the key")
    .action(async (options: { email: string; name?: string }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        const owner = await getUserByEmail(db, options.email);
        const key = await createApiKey(db, { userId: owner.id, name: options.name });
        printJson(key);
      }).catch(reportFailure);
    });

  const account = program.command("account").description("Manage accounts");
  account
    .command("create")
    .description("Create an account owned by an existing user")
    .requiredOption("--name <name>", "account name")
    .requiredOption("--owner <email>", "email of the owning user")
    .action(async (options: { name: string; owner: string }, command: Command) => {
      await withDatabase(command.optsWithGlobals<GlobalOptions>(), async ({ db }) => {
        const owner = await getUserByEmail(db, options.owner);
        printJson(await createAccount(db, { name: options.name, ownerUserId: owner.id }));
      }).catch(reportFailure);
    });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
