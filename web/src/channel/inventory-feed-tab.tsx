// What the channel would receive as stock: each listing's quantity (GET .../inventory-feed), the
// first screenful of a large channel (the whole feed is the CSV download's or a sync's).
import { Alert, Loader, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "../api.ts";
import { AutoTable, type Row } from "../components/auto-table.tsx";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";

const shownLimit = 1000;
const feedColumns = [
  { key: "channelSku", label: "Channel SKU" },
  { key: "quantity", label: "Quantity" },
];

export function InventoryFeedTab({ channel }: { channel: Channel }) {
  const { accountId } = useAccount();
  const feed = useQuery({
    queryKey: ["inventory-feed", accountId, channel.id],
    queryFn: () =>
      api.get<{ items: Row[]; total: number }>(
        `${accountPath(accountId)}/channels/${channel.id}/inventory-feed?limit=${shownLimit}`,
      ),
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        The quantity each mapped listing would be given now (stock of its components, minus the buffer of{" "}
        {channel.buffer}).
      </Text>
      {feed.isPending && <Loader aria-label="Loading inventory feed" />}
      {feed.error && <Alert color="gray">{errorMessage(feed.error)}</Alert>}
      {feed.data && feed.data.total > feed.data.items.length && (
        <Text size="sm">
          Showing the first {feed.data.items.length.toLocaleString()} of {feed.data.total.toLocaleString()}{" "}
          listings.
        </Text>
      )}
      {feed.data && <AutoTable label="Inventory feed" items={feed.data.items} columns={feedColumns} />}
    </Stack>
  );
}
