// The unmapped queue: listings without a mapping, each mappable from here, with the matching
// suggestions (see suggestions.tsx), products created from listings and the custom-mapping sheet.
import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage, type Page } from "../api.ts";
import { AutoTable, type Row } from "../components/auto-table.tsx";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";
import { CreateProductsDialog, type CreateProductsTarget } from "./create-products-dialog.tsx";
import { CustomSheetDialog } from "./custom-sheet-dialog.tsx";
import { MappingDialog } from "./mapping-dialog.tsx";
import { Suggestions } from "./suggestions.tsx";
import { useChangeNotice } from "./undo.ts";

export function UnmappedTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const changed = useChangeNotice(accountId);
  const base = `${accountPath(accountId)}/channels/${channel.id}`;
  const [mapping, setMapping] = useState<string | null>(null);
  const [creating, setCreating] = useState<CreateProductsTarget | null>(null);
  const [sheet, setSheet] = useState(false);
  const unmapped = useQuery({
    queryKey: ["unmapped", accountId, channel.id],
    queryFn: () => api.get<Page<Row>>(`${base}/unmapped?limit=100`),
  });
  return (
    <Stack>
      <Suggestions accountId={accountId} channelId={channel.id} canEdit={canEdit} />
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4">
          Unmapped listings
        </Title>
        <Group>
          <Button variant="default" onClick={() => setSheet(true)}>
            Custom mapping sheet
          </Button>
          {canEdit && (
            <Button variant="light" onClick={() => setCreating({ allUnmappable: true })}>
              Create products from all unmappable listings
            </Button>
          )}
        </Group>
      </Group>
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
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setMapping(String(r.channelSku))}>
                      Map
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Create product from ${String(r.channelSku)}`}
                      onClick={() =>
                        setCreating({ listingIds: [String(r.id)], label: `listing ${String(r.channelSku)}` })
                      }
                    >
                      Create product
                    </Button>
                  </Group>
                )
              : undefined
          }
        />
      )}
      {unmapped.data?.items.length === 0 && <Text c="dimmed">Every listing is mapped.</Text>}
      {creating !== null && (
        <CreateProductsDialog
          accountId={accountId}
          channelId={channel.id}
          target={creating}
          onClose={() => setCreating(null)}
        />
      )}
      {sheet && (
        <CustomSheetDialog
          accountId={accountId}
          channelId={channel.id}
          canEdit={canEdit}
          onClose={() => setSheet(false)}
        />
      )}
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
