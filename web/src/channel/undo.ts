// After a change that answers { operationId }: a notice with an Undo button (POST .../undo).
import { useQueryClient } from "@tanstack/react-query";
import { api, errorMessage } from "../api.ts";
import { useNotify } from "../components/notices.tsx";
import { accountPath } from "../session.tsx";

/**
 * Refetches what a mapping change (or its undo) alters, so every tab shows the new state: the
 * mappings, the listings' mapped flag, coverage, the unmapped queue, the inventory feed and the
 * history itself.
 */
export function useRefreshMappings(accountId: string) {
  const queryClient = useQueryClient();
  const keys = ["mappings", "listings", "coverage", "unmapped", "inventory-feed", "operations"];
  return async () => {
    await Promise.all(keys.map((key) => queryClient.invalidateQueries({ queryKey: [key, accountId] })));
  };
}

export function useChangeNotice(accountId: string) {
  const notify = useNotify();
  const refresh = useRefreshMappings(accountId);
  return async (message: string, result: unknown) => {
    await refresh();
    const operationId =
      typeof result === "object" && result !== null && "operationId" in result
        ? String((result as { operationId: unknown }).operationId)
        : undefined;
    notify({
      message,
      ...(operationId
        ? {
            action: {
              label: "Undo",
              onClick: async () => {
                try {
                  await api.post(`${accountPath(accountId)}/operations/${operationId}/undo`);
                  notify({ message: "Undone." });
                } catch (error) {
                  notify({ message: `Undo failed: ${errorMessage(error)}`, color: "red" });
                }
                await refresh();
              },
            },
          }
        : {}),
    });
  };
}
