// Accounts (tenants) and their memberships.
import { z } from "zod";
import type { Db } from "../db/database.ts";
import { AppError, isUniqueViolation } from "../shared/errors.ts";
import { newId, nowIso } from "../shared/ids.ts";
import { type Role, Role as RoleSchema } from "./roles.ts";
import { createUser, Email, findUserByEmail } from "./users.ts";

export const AccountName = z.string().trim().min(1).max(200);

export type Account = { id: string; name: string; createdAt: string; role?: Role };
/** canSignIn: the user has a password (one added without one cannot sign in yet). */
export type Member = { userId: string; email: string; role: Role; createdAt: string; canSignIn: boolean };

export async function createAccount(
  db: Db,
  options: { name: string; ownerUserId: string },
): Promise<Account> {
  const account = { id: newId(), name: AccountName.parse(options.name), created_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("accounts").values(account).execute();
    await trx
      .insertInto("memberships")
      .values({
        account_id: account.id,
        user_id: options.ownerUserId,
        role: "owner",
        created_at: account.created_at,
      })
      .execute();
  });
  return { id: account.id, name: account.name, createdAt: account.created_at, role: "owner" };
}

export async function listAccountsOfUser(db: Db, userId: string): Promise<Account[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("accounts", "accounts.id", "memberships.account_id")
    .select(["accounts.id", "accounts.name", "accounts.created_at", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("accounts.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    role: RoleSchema.parse(r.role),
  }));
}

export async function getAccount(db: Db, accountId: string): Promise<Account> {
  const row = await db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
  if (!row) throw new AppError("ACCOUNT_NOT_FOUND", "Account not found.");
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function renameAccount(db: Db, options: { accountId: string; name: string }): Promise<Account> {
  await db
    .updateTable("accounts")
    .set({ name: AccountName.parse(options.name) })
    .where("id", "=", options.accountId)
    .execute();
  return getAccount(db, options.accountId);
}

export async function deleteAccount(db: Db, accountId: string): Promise<void> {
  // Children without a foreign key to accounts go first; the rest cascade.
  await db.transaction().execute(async (trx) => {
    for (const table of [
      "audit_entries",
      "stock_levels",
      "mapping_components",
      "mappings",
      "listings",
      "variants",
    ] as const) {
      await trx.deleteFrom(table).where("account_id", "=", accountId).execute();
    }
    await trx.deleteFrom("accounts").where("id", "=", accountId).execute();
  });
}

export async function findMemberRole(db: Db, accountId: string, userId: string): Promise<Role | undefined> {
  const row = await db
    .selectFrom("memberships")
    .select("role")
    .where("account_id", "=", accountId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? RoleSchema.parse(row.role) : undefined;
}

export async function listMembers(db: Db, accountId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.password_hash", "memberships.role", "memberships.created_at"])
    .where("memberships.account_id", "=", accountId)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    role: RoleSchema.parse(r.role),
    createdAt: r.created_at,
    canSignIn: r.password_hash !== null,
  }));
}

/**
 * The role of whoever changes the members (byRole): an admin manages members, but only an owner
 * gives, changes or takes the owner role, so an admin cannot take the account over.
 */
type MemberChange = { accountId: string; byRole: Role };

function assertMayTouchOwner(byRole: Role): void {
  if (byRole !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can give, change or remove the owner role.", {
      field: "role",
      requiredRole: "owner",
      role: byRole,
    });
  }
}

/**
 * Adds a member by email. A user that does not exist yet is created, with `password` as the first
 * password the admin passes on (without one they cannot sign in until one is set with the CLI).
 * An existing user's password is never set here: they may be another account's member, and an
 * admin who set it could then sign in there as them.
 */
export async function addMember(
  db: Db,
  options: MemberChange & { email: string; role: Role; password?: string | undefined },
): Promise<Member> {
  if (options.role === "owner") assertMayTouchOwner(options.byRole);
  const email = Email.parse(options.email);
  const existing = await findUserByEmail(db, email);
  if (existing && options.password !== undefined) {
    throw new AppError(
      "VALIDATION_FAILED",
      `${email} already has an account; only a new user gets a first password here.`,
      { field: "password" },
    );
  }
  const user = existing ?? (await createUser(db, { email, password: options.password }));
  const createdAt = nowIso();
  try {
    await db
      .insertInto("memberships")
      .values({ account_id: options.accountId, user_id: user.id, role: options.role, created_at: createdAt })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("MEMBER_EXISTS", `${email} is already a member of this account.`, {
        field: "email",
      });
    }
    throw error;
  }
  const canSignIn = existing ? existing.password_hash !== null : options.password !== undefined;
  return { userId: user.id, email, role: options.role, createdAt, canSignIn };
}

export async function changeMemberRole(
  db: Db,
  options: MemberChange & { userId: string; role: Role },
): Promise<Member> {
  return db.transaction().execute(async (trx) => {
    const current = await findMemberRole(trx, options.accountId, options.userId);
    if (!current) throw new AppError("MEMBER_NOT_FOUND", "No such member in this account.");
    if (current === "owner" || options.role === "owner") assertMayTouchOwner(options.byRole);
    if (current === "owner" && options.role !== "owner")
      await assertAnotherOwner(trx, options.accountId, options.userId);
    await trx
      .updateTable("memberships")
      .set({ role: options.role })
      .where("account_id", "=", options.accountId)
      .where("user_id", "=", options.userId)
      .execute();
    const member = (await listMembers(trx, options.accountId)).find((m) => m.userId === options.userId);
    if (!member) throw new AppError("MEMBER_NOT_FOUND", "No such member in this account.");
    return member;
  });
}

export async function removeMember(db: Db, options: MemberChange & { userId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findMemberRole(trx, options.accountId, options.userId);
    if (!current) throw new AppError("MEMBER_NOT_FOUND", "No such member in this account.");
    if (current === "owner") {
      assertMayTouchOwner(options.byRole);
      await assertAnotherOwner(trx, options.accountId, options.userId);
    }
    await trx
      .deleteFrom("memberships")
      .where("account_id", "=", options.accountId)
      .where("user_id", "=", options.userId)
      .execute();
  });
}

async function assertAnotherOwner(db: Db, accountId: string, userId: string): Promise<void> {
  const other = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("account_id", "=", accountId)
    .where("role", "=", "owner")
    .where("user_id", "!=", userId)
    .executeTakeFirst();
  if (!other) throw new AppError("LAST_OWNER", "An account must keep at least one owner.", { field: "role" });
}

export { RoleSchema };
