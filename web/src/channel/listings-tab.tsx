// The channel's listings (search, cursor pages), the availability explanation of each, and
// adding a listing by hand.
import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorMessage, type Page, query } from "../api.ts";
import { AutoTable, type Row } from "../components/auto-table.tsx";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";
import { AvailabilityDialog } from "./availability-dialog.tsx";
import { DownloadDialog } from "./download-dialog.tsx";

export function ListingsTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [cursors, setCursors] = useState<string[]>([]);
  const [explain, setExplain] = useState<Row | null>(null);
  const [adding, setAdding] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const path = `${accountPath(accountId)}/channels/${channel.id}/listings`;
  const cursor = cursors[cursors.length - 1];
  const listings = useQuery({
    queryKey: ["listings", accountId, channel.id, q, cursor],
    queryFn: () => api.get<Page<Row>>(`${path}${query({ q, cursor, limit: 50 })}`),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Search listings"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setCursors([]);
          }}
        />
        {canEdit && (
          <Group>
            <Button variant="default" onClick={() => setDownloading(true)}>
              Download listings
            </Button>
            <Button onClick={() => setAdding(true)}>Add listing</Button>
          </Group>
        )}
      </Group>
      {listings.error && <Alert color="red">{errorMessage(listings.error)}</Alert>}
      <AutoTable
        label="Listings"
        items={listings.data?.items ?? []}
        columns={[
          { key: "channelSku", label: "Channel SKU" },
          { key: "title", label: "Title" },
          { key: "type", label: "Type" },
          { key: "barcode", label: "Barcode" },
          {
            key: "mapped",
            label: "Mapped",
            // max-content: a badge may otherwise shrink with the column and clip its word ("UNMA…")
            render: (r) => (
              <Badge color={r.mapped ? "teal" : "gray"} variant="light" miw="max-content">
                {r.mapped ? "mapped" : "unmapped"}
              </Badge>
            ),
          },
        ]}
        actions={(row) => (
          <Button size="xs" variant="light" onClick={() => setExplain(row)}>
            Availability
          </Button>
        )}
      />
      {listings.isSuccess && listings.data.items.length === 0 && <Text c="dimmed">No listings.</Text>}
      <Group justify="flex-end">
        <Button
          variant="default"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Previous page
        </Button>
        <Button
          variant="default"
          disabled={!listings.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, listings.data?.nextCursor ?? ""])}
        >
          Next page
        </Button>
      </Group>
      {explain && (
        <AvailabilityDialog
          accountId={accountId}
          channelId={channel.id}
          listingId={String(explain.id)}
          channelSku={String(explain.channelSku)}
          onClose={() => setExplain(null)}
        />
      )}
      {adding && <AddListingDialog path={path} onClose={() => setAdding(false)} />}
      {downloading && <DownloadDialog channel={channel} onClose={() => setDownloading(false)} />}
    </Stack>
  );
}

function AddListingDialog({ path, onClose }: { path: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [channelSku, setChannelSku] = useState("");
  const [title, setTitle] = useState("");
  const [barcode, setBarcode] = useState("");
  const [type, setType] = useState("single");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.post(path, {
        channelSku,
        type,
        ...(title ? { title } : {}),
        ...(barcode ? { barcode } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ["listings"] });
      await queryClient.invalidateQueries({ queryKey: ["coverage"] });
      onClose();
    } catch (error) {
      setErrors(toFormErrors(error, (f) => ["channelSku", "title", "barcode", "type"].includes(f)));
    }
  };
  return (
    <Modal opened onClose={onClose} title="Add listing">
      <Stack component="form" onSubmit={submit}>
        {errors.alert && <Alert color="red">{errors.alert}</Alert>}
        <TextInput
          label="Channel SKU"
          required
          value={channelSku}
          onChange={(e) => setChannelSku(e.currentTarget.value)}
          error={errors.fields.channelSku}
        />
        <NativeSelect
          label="Type"
          data={["single", "parent", "variation", "bundle"]}
          value={type}
          onChange={(e) => setType(e.currentTarget.value)}
          error={errors.fields.type}
        />
        <TextInput
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.fields.title}
        />
        <TextInput
          label="Barcode"
          value={barcode}
          onChange={(e) => setBarcode(e.currentTarget.value)}
          error={errors.fields.barcode}
        />
        <Group justify="flex-end">
          <Button type="submit">Add listing</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
