// A channel's seller id: part of every listing's key, so it follows the SKU rules (trimmed, no
// control characters) except that it may be empty (a channel with a single seller).
import { normalizeSku } from "../shared/sku.ts";

export function normalizeSellerId(raw: string | undefined, field = "sellerId"): string {
  if (raw === undefined || raw.trim() === "") return "";
  return normalizeSku(raw, field);
}
