// Users: people who sign in. Users are global; what they may see comes from memberships.
import { z } from "zod";
import type { Db } from "../db/database.ts";
import { AppError, isUniqueViolation } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { hashPassword, verifyPassword } from "./secrets.ts";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }));
export const Password = z.string().min(8, "must be at least 8 characters").max(200);

export type User = { id: string; email: string; createdAt: string };

export async function createUser(
  db: Db,
  options: { email: string; password?: string | undefined },
): Promise<User> {
  const email = Email.parse(options.email);
  const passwordHash =
    options.password === undefined ? null : await hashPassword(Password.parse(options.password));
  const user = { id: newId(), email, password_hash: passwordHash, created_at: nowIso() };
  try {
    await db.insertInto("users").values(user).execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("EMAIL_TAKEN", `A user with email ${email} exists.`, { field: "email" });
    throw error;
  }
  return { id: user.id, email, createdAt: user.created_at };
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function getUserByEmail(db: Db, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError("USER_NOT_FOUND", `No user has email ${email}.`, { field: "email" });
  return user;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets a user's password: the first of one added as a member without one, or a new one (CLI). */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(Password.parse(password));
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}

/**
 * The user's own change: the current password proves it is them. Every session of the user ends
 * (whoever knew the old password is signed out); API keys stay.
 */
export async function changePassword(
  db: Db,
  options: { userId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", options.userId)
    .executeTakeFirst();
  if (!user || !(await verifyPassword(options.currentPassword, user.password_hash))) {
    throw new AppError("INVALID_CREDENTIALS", "The current password is wrong.", { field: "currentPassword" });
  }
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, options.userId, options.newPassword);
    await trx.deleteFrom("sessions").where("user_id", "=", options.userId).execute();
  });
}
