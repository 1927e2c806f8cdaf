// After a change that answers { operationId }: a notice with an Undo button (POST .../undo).
import { useQueryClient } from "@tanstack/react-query";
import { api, errorMessage } from "../api.ts";
import { useNotify } from "../components/notices.tsx";
import { accountPath } from "../session.tsx";

export function useChangeNotice(accountId: string) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["mappings", accountId] });
    await queryClient.invalidateQueries({ queryKey: ["coverage", accountId] });
    await queryClient.invalidateQueries({ queryKey: ["unmapped", accountId] });
  };
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
