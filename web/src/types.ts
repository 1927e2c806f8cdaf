// Shapes of the API answers the console reads (camelCase JSON, see the OpenAPI document).
export type Role = "owner" | "admin" | "editor" | "viewer";

export type AccountSummary = { id: string; name: string; role?: Role; createdAt?: string };
export type Me = { userId: string; email: string; accounts: AccountSummary[] };

export type Channel = {
  id: string;
  name: string;
  displayName: string;
  kind: "sales" | "fulfillment";
  platform: string;
  sellerId: string;
  enabled: boolean;
  canImportProducts: boolean;
  buffer: number;
  familyLock: boolean;
};

export type Variant = {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  name: string | null;
  options: Record<string, string>;
  costPrice: { amount: number; currency: string } | null;
  archived?: boolean;
  matchedBy?: "sku" | "barcode" | "name";
};

export type Product = {
  id: string;
  name: string;
  category: string | null;
  variants: Variant[];
};

export type Component = {
  variantId: string;
  sku: string;
  quantity: number;
  name: string | null;
  archived?: boolean;
};

export type MappingWarning = { code: string; message: string };

export type Mapping = {
  id: string;
  channelSku: string;
  sellerId: string;
  listingId: string;
  listingType: string;
  origin: string;
  warnings: MappingWarning[];
  components: Component[];
  updatedAt: string;
};

export type Member = { userId: string; email: string; role: Role; createdAt: string; canSignIn: boolean };
export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
};

export type Coverage = {
  listings?: number;
  mapped: number;
  unmapped: number;
  warning?: number;
  warnings?: number;
  [key: string]: unknown;
};

export type OperationResult = { operationId?: string; [key: string]: unknown };

/** One recorded change of the account's history; `actor` and `undoneBy` are user ids (null: a job or the CLI). */
export type Operation = {
  id: string;
  channelId: string | null;
  kind: string;
  summary: string;
  actor: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
  counts: { entries: number; created: number; updated: number; deleted: number };
};

export const roleRank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export function atLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && roleRank[role] >= roleRank[needed];
}
