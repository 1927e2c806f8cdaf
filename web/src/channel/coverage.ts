// Reads a channel's coverage (mapped / unmapped / warning listings), tolerating a server without it.
import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../api.ts";
import { accountPath } from "../session.tsx";

export type CoverageCounts = { listings: number; mapped: number; unmapped: number; warning: number };

function numberOf(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

export function toCoverage(raw: Record<string, unknown>): CoverageCounts {
  const mapped = numberOf(raw.mapped);
  const unmapped = numberOf(raw.unmapped);
  const warning = numberOf(raw.warning ?? raw.warnings ?? raw.withWarnings ?? raw.conflicting);
  return { listings: numberOf(raw.listings ?? raw.total) || mapped + unmapped, mapped, unmapped, warning };
}

export function useCoverage(accountId: string, channelId: string) {
  return useQuery({
    queryKey: ["coverage", accountId, channelId],
    queryFn: async (): Promise<CoverageCounts | null> => {
      try {
        const raw = await api.get<Record<string, unknown>>(
          `${accountPath(accountId)}/channels/${channelId}/coverage`,
        );
        return toCoverage(raw);
      } catch (error) {
        if (error instanceof ApiError && error.missingRoute) return null;
        throw error;
      }
    },
  });
}
