// Roles and what each may do: viewer reads; editor changes catalog, listings and mappings;
// admin also channels, settings and members; owner also deletes the account.
import { z } from "zod";

export const Role = z.enum(["owner", "admin", "editor", "viewer"]);
export type Role = z.infer<typeof Role>;

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3, owner: 4 };

export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}
