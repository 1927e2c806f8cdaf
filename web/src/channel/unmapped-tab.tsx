// The unmapped queue: listings without a mapping, each mappable from here, with the matching
// suggestions (see suggestions.tsx).
import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage, type Page } from "../api.ts";
import { AutoTable, type Row } from "../components/auto-table.tsx";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";
import { MappingDialog } from "./mapping-dialog.tsx";
import { Suggestions } from "./suggestions.tsx";
import { useChangeNotice } from "./undo.ts";

export function UnmappedTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const changed = useChangeNotice(accountId);
  const base = `${accountPath(accountId)}/channels/${channel.id}`;
  const [mapping, setMapping] = useState<string | null>(null);
  const unmapped = useQuery({
    queryKey: ["unmapped", accountId, channel.id],
    queryFn: () => api.get<Page<Row>>(`${base}/unmapped?limit=100`),
  });
  return (
    <Stack>
      <Suggestions accountId={accountId} channelId={channel.id} canEdit={canEdit} />
      <Title order={3} size="h4">
        Unmapped listings
      </Title>
      {unmapped.error && <Alert color="gray">{errorMessage(unmapped.error)}</Alert>}
      {unmapped.data && (
        <AutoTable
          label="Unmapped listings"
          items={unmapped.data.items}
          columns={[
            { key: "channelSku", label: "Channel SKU" },
            { key: "title", label: "Title" },
            { key: "type", label: "Type" },
            { key: "barcode", label: "Barcode" },
          ]}
          actions={
            canEdit
              ? (r) => (
                  <Button size="xs" variant="light" onClick={() => setMapping(String(r.channelSku))}>
                    Map
                  </Button>
                )
              : undefined
          }
        />
      )}
      {unmapped.data?.items.length === 0 && <Text c="dimmed">Every listing is mapped.</Text>}
      {mapping !== null && (
        <MappingDialog
          accountId={accountId}
          channelId={channel.id}
          mapping={null}
          initialChannelSku={mapping}
          onClose={() => setMapping(null)}
          onSaved={changed}
        />
      )}
    </Stack>
  );
}
