// One channel: tabs for its listings, SKU mappings, unmapped queue, inventory feed, jobs, history
// of changes and settings.
import { Alert, Anchor, Breadcrumbs, Loader, Stack, Tabs, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { api, errorMessage } from "../api.ts";
import { InventoryFeedTab } from "../channel/inventory-feed-tab.tsx";
import { JobsTab } from "../channel/jobs-tab.tsx";
import { ListingsTab } from "../channel/listings-tab.tsx";
import { MappingsTab } from "../channel/mappings-tab.tsx";
import { SettingsTab } from "../channel/settings-tab.tsx";
import { UnmappedTab } from "../channel/unmapped-tab.tsx";
import { OperationHistory } from "../history/operation-history.tsx";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";

const tabs = [
  { value: "listings", label: "Listings" },
  { value: "mappings", label: "SKU Mappings" },
  { value: "unmapped", label: "Unmapped" },
  { value: "feed", label: "Inventory feed" },
  { value: "jobs", label: "Sync jobs" },
  { value: "history", label: "History" },
  { value: "settings", label: "Settings" },
];

export function ChannelPage() {
  const { accountId } = useAccount();
  const { channelId = "", tab = "mappings" } = useParams();
  const navigate = useNavigate();
  const channel = useQuery({
    queryKey: ["channel", accountId, channelId],
    queryFn: () => api.get<Channel>(`${accountPath(accountId)}/channels/${channelId}`),
  });
  if (channel.isPending) return <Loader aria-label="Loading channel" />;
  if (channel.error) return <Alert color="red">{errorMessage(channel.error)}</Alert>;
  const c = channel.data;
  const base = `/a/${accountId}/channels/${channelId}`;

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to={`/a/${accountId}/channels`}>
          Channels
        </Anchor>
        <span>{c.displayName}</span>
      </Breadcrumbs>
      <Title order={2}>{c.displayName}</Title>
      <Tabs value={tab} onChange={(value) => navigate(`${base}/${value ?? "mappings"}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="listings" pt="md">
          <ListingsTab channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="mappings" pt="md">
          <MappingsTab channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="unmapped" pt="md">
          <UnmappedTab channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="feed" pt="md">
          <InventoryFeedTab channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="jobs" pt="md">
          <JobsTab channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <OperationHistory channelId={c.id} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <SettingsTab channel={c} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
