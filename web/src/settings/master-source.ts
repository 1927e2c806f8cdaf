// The account's master product source as the settings route answers it, read by the Settings page
// (to change it) and the Products page (to warn that a channel overwrites what is edited there).
import { useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import { accountPath } from "../session.tsx";
import type { MasterSource } from "./dry-run-summary.tsx";

export type MasterSourceOption = { source: "internal" | "channel"; channelId?: string; label: string };
export type MasterSourceSetting = { masterProductSource: MasterSource; options: MasterSourceOption[] };

export const masterSourcePath = (accountId: string) =>
  `${accountPath(accountId)}/settings/master-product-source`;

export function useMasterSource(accountId: string) {
  return useQuery({
    queryKey: ["master-source", accountId],
    queryFn: () => api.get<MasterSourceSetting>(masterSourcePath(accountId)),
  });
}
