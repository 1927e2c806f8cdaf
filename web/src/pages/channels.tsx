// Channels of the account with their mapping coverage; admins add channels here.
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, errorMessage, type Page } from "../api.ts";
import { ChannelForm, emptyChannel } from "../channel/channel-form.tsx";
import { useCoverage } from "../channel/coverage.ts";
import { useNotify } from "../components/notices.tsx";
import { channelKindLabels, labelOf, platformLabels } from "../labels.ts";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";

export function useChannels(accountId: string) {
  return useQuery({
    queryKey: ["channels", accountId],
    queryFn: () => api.get<Page<Channel>>(`${accountPath(accountId)}/channels?limit=500`),
  });
}

function CoverageCells({ accountId, channelId }: { accountId: string; channelId: string }) {
  const coverage = useCoverage(accountId, channelId);
  const show = (n: number | undefined) => (coverage.isPending ? "…" : n === undefined ? "n/a" : n);
  return (
    <>
      <Table.Td>{show(coverage.data?.mapped)}</Table.Td>
      <Table.Td>{show(coverage.data?.unmapped)}</Table.Td>
    </>
  );
}

export function ChannelsPage() {
  const { accountId, role } = useAccount();
  const channels = useChannels(accountId);
  const [adding, setAdding] = useState(false);
  const queryClient = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Channels</Title>
        {atLeast(role, "admin") && <Button onClick={() => setAdding(true)}>Add channel</Button>}
      </Group>
      {channels.error && <Alert color="red">{errorMessage(channels.error)}</Alert>}
      {channels.data?.items.length === 0 && (
        <Text c="dimmed">
          No channels yet. A channel is a marketplace, web shop or warehouse you connect.
        </Text>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Platform</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th>Mapped</Table.Th>
              <Table.Th>Unmapped</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {channels.data?.items.map((channel) => (
              <Table.Tr key={channel.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/a/${accountId}/channels/${channel.id}`}>
                    {channel.displayName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{labelOf(channelKindLabels, channel.kind)}</Table.Td>
                <Table.Td>{labelOf(platformLabels, channel.platform)}</Table.Td>
                <Table.Td>
                  <Badge color={channel.enabled ? "teal" : "gray"} variant="light">
                    {channel.enabled ? "enabled" : "disabled"}
                  </Badge>
                </Table.Td>
                <CoverageCells accountId={accountId} channelId={channel.id} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add channel" size="lg">
        <ChannelForm
          initial={emptyChannel}
          submitLabel="Create channel"
          onSubmit={async (input) => {
            const created = await api.post<Channel>(`${accountPath(accountId)}/channels`, input);
            setAdding(false);
            notify({ message: `Channel ${created.name} created.` });
            await queryClient.invalidateQueries({ queryKey: ["channels", accountId] });
            await navigate(`/a/${accountId}/channels/${created.id}`);
          }}
        />
      </Modal>
    </Stack>
  );
}
