// Per channel, a chart of mapped / unmapped / warning listings from the channel's coverage, and
// below it the coverage over time.
import { BarChart } from "@mantine/charts";
import { Alert, Anchor, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { errorMessage } from "../api.ts";
import { useCoverage } from "../channel/coverage.ts";
import { CoverageHistoryChart } from "../channel/coverage-history-chart.tsx";
import { useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";
import { useChannels } from "./channels.tsx";

function ChannelCoverage({ accountId, channel }: { accountId: string; channel: Channel }) {
  const coverage = useCoverage(accountId, channel.id);
  const c = coverage.data;
  return (
    <Paper withBorder p="md">
      <Anchor component={Link} to={`/a/${accountId}/channels/${channel.id}`} fw={600}>
        {channel.displayName}
      </Anchor>
      {coverage.error && <Alert color="red">{errorMessage(coverage.error)}</Alert>}
      {coverage.data === null && (
        <Text size="sm" c="dimmed">
          Coverage is not available on this server yet.
        </Text>
      )}
      {c && (
        <>
          <Text size="sm" c="dimmed">
            {c.listings} listings: {c.mapped} mapped, {c.unmapped} unmapped, {c.warning} with warnings
          </Text>
          <BarChart
            h={180}
            mt="sm"
            aria-label={`Coverage of ${channel.displayName}`}
            data={[{ state: "listings", mapped: c.mapped, unmapped: c.unmapped, warning: c.warning }]}
            dataKey="state"
            orientation="vertical"
            yAxisProps={{ width: 0 }}
            withLegend
            series={[
              { name: "mapped", color: "teal.6" },
              { name: "unmapped", color: "gray.5" },
              { name: "warning", color: "orange.6" },
            ]}
          />
        </>
      )}
      <CoverageHistoryChart
        accountId={accountId}
        channelId={channel.id}
        channelName={channel.displayName}
        enabled={coverage.isSuccess}
      />
    </Paper>
  );
}

export function DashboardPage() {
  const { accountId, account } = useAccount();
  const channels = useChannels(accountId);
  return (
    <Stack>
      <Title order={2}>Dashboard: {account?.name}</Title>
      {channels.error && <Alert color="red">{errorMessage(channels.error)}</Alert>}
      {channels.data?.items.length === 0 && (
        <Text>
          No channels yet.{" "}
          <Anchor component={Link} to={`/a/${accountId}/channels`}>
            Add your first channel
          </Anchor>{" "}
          and then map its SKUs to your products.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {channels.data?.items.map((channel) => (
          <ChannelCoverage key={channel.id} accountId={accountId} channel={channel} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
