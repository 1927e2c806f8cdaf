// The account's whole history of changes, including those of no channel (settings) and product
// syncs, with the channel of each; a channel's own History tab shows only its operations.
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, type Page } from "../api.ts";
import { OperationHistory } from "../history/operation-history.tsx";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";

export function HistoryPage() {
  const { accountId } = useAccount();
  // the same query as the Channels page, so the names usually come from its cache
  const channels = useQuery({
    queryKey: ["channels", accountId],
    queryFn: () => api.get<Page<Channel>>(`${accountPath(accountId)}/channels?limit=500`),
  });
  const names = new Map((channels.data?.items ?? []).map((c) => [c.id, c.displayName]));

  return (
    <Stack>
      <Title order={2}>History</Title>
      <OperationHistory
        channelCell={(op) =>
          op.channelId === null ? (
            <Text size="sm" c="dimmed">
              Account
            </Text>
          ) : (
            <Anchor component={Link} to={`/a/${accountId}/channels/${op.channelId}/history`} size="sm">
              {/* a deleted channel keeps its operations; its id is all that is left */}
              {names.get(op.channelId) ?? op.channelId}
            </Anchor>
          )
        }
      />
    </Stack>
  );
}
