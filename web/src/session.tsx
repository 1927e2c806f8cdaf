// Who is signed in (GET /me) and which account the console is working in (from the URL).
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { ApiError, api } from "./api.ts";
import type { AccountSummary, Me, Role } from "./types.ts";

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>("/me");
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

export function useSetupState() {
  return useQuery({
    queryKey: ["setup"],
    queryFn: () => api.get<{ needsOwner: boolean }>("/setup"),
  });
}

export type AccountContext = {
  accountId: string;
  account: AccountSummary | undefined;
  role: Role | undefined;
};

/** The account in the URL and the caller's role in it. */
export function useAccount(): AccountContext {
  const { accountId = "" } = useParams();
  const me = useMe();
  const account = me.data?.accounts.find((a) => a.id === accountId);
  return { accountId, account, role: account?.role };
}

/** Path prefix of the account's API routes. */
export function accountPath(accountId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}`;
}
