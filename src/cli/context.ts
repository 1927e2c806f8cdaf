// What every CLI command shares: opening the configured database (migrated), printing, and
// exit codes scripts can rely on (0 ok, 1 the operation failed, 2 usage error).

import { ZodError } from "zod";
import { getAccount } from "../accounts/accounts.ts";
import { type DatabaseHandle, openDatabase, resolveDatabaseConfig } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { isAppError } from "../shared/errors.ts";

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

export type GlobalOptions = { db?: string };

export async function withDatabase<T>(
  options: GlobalOptions,
  run: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(resolveDatabaseConfig(options));
  try {
    await migrateToLatest(handle.db);
    // a command's --account (its options come merged with the global ones) must name an account:
    // said as such, not as a channel or a foreign key that is missing
    const { account } = options as { account?: unknown };
    if (typeof account === "string") await getAccount(handle.db, account);
    return await run(handle);
  } finally {
    await handle.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Reports a failed operation on stderr and sets exit code 1. */
export function reportFailure(error: unknown): void {
  if (isAppError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
    if (error.details) process.stderr.write(`${JSON.stringify(error.details)}\n`);
  } else if (error instanceof ZodError) {
    // a value the command was given, checked as the API checks it (an email, a password)
    const issue = error.issues[0];
    const field = issue?.path.join(".") ?? "";
    process.stderr.write(
      `error VALIDATION_FAILED: ${field ? `${field}: ` : ""}${issue?.message ?? "invalid"}\n`,
    );
  } else if (error instanceof Error) {
    process.stderr.write(`error: ${error.message}\n`);
  } else {
    process.stderr.write(`error: ${String(error)}\n`);
  }
  process.exitCode = exitCodes.failed;
}
