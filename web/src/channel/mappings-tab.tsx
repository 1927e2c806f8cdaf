// SKU Mappings of a channel: server-side search, origin/warning filters and cursor pages;
// create, remap, delete one / selected / all, each followed by an Undo notice.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage, type Page, query } from "../api.ts";
import { labelOf, optionsOf, originLabels, warningLabels } from "../labels.ts";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel, type Mapping } from "../types.ts";
import { DeleteDialog, type DeleteTarget } from "./delete-dialog.tsx";
import { MaintenanceMenu } from "./maintenance-menu.tsx";
import { MappingDialog } from "./mapping-dialog.tsx";
import { useChangeNotice } from "./undo.ts";

const pageSize = 50;

/** A warning can repeat per component with the same text; show each once. */
function uniqueWarnings(m: Mapping) {
  return [...new Map(m.warnings.map((w) => [`${w.code}:${w.message}`, w])).values()];
}

export function MappingsTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [origin, setOrigin] = useState("");
  const [warning, setWarning] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Mapping | null | "new">(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const changed = useChangeNotice(accountId);
  const cursor = cursors[cursors.length - 1];

  const mappings = useQuery({
    queryKey: ["mappings", accountId, channel.id, q, origin, warning, cursor],
    queryFn: () =>
      api.get<Page<Mapping>>(
        `${accountPath(accountId)}/channels/${channel.id}/mappings${query({ q, origin, warning, cursor, limit: pageSize })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const items = mappings.data?.items ?? [];
  const resetPaging = () => {
    setCursors([]);
    setSelected(new Set());
  };
  const allSelected = items.length > 0 && items.every((m) => selected.has(m.id));
  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput
            label="Search"
            placeholder="Channel SKU or internal SKU"
            w={260}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              resetPaging();
            }}
          />
          <NativeSelect
            label="Origin"
            data={[{ value: "", label: "Any origin" }, ...optionsOf(originLabels)]}
            value={origin}
            onChange={(e) => {
              setOrigin(e.currentTarget.value);
              resetPaging();
            }}
          />
          <NativeSelect
            label="Warning"
            data={[{ value: "", label: "Any" }, ...optionsOf(warningLabels)]}
            value={warning}
            onChange={(e) => {
              setWarning(e.currentTarget.value);
              resetPaging();
            }}
          />
        </Group>
        <Group>
          {canEdit && <Button onClick={() => setEditing("new")}>Create</Button>}
          {canEdit && selected.size > 0 && (
            <Button
              color="red"
              variant="light"
              onClick={() => setDeleting({ kind: "selected", mappingIds: [...selected] })}
            >
              Delete selected ({selected.size})
            </Button>
          )}
          {canEdit && (
            <Button color="red" variant="outline" onClick={() => setDeleting({ kind: "all" })}>
              Delete all
            </Button>
          )}
          <MaintenanceMenu channel={channel} canEdit={canEdit} />
        </Group>
      </Group>
      {mappings.error && <Alert color="red">{errorMessage(mappings.error)}</Alert>}
      {/* A scrollbar whenever the table is wider than the screen: on a phone it hints at the
          columns past the right edge, which a hover-only scrollbar never shows. */}
      <Table.ScrollContainer minWidth={700} scrollAreaProps={{ type: "auto" }}>
        <Table striped highlightOnHover aria-label="SKU mappings">
          <Table.Thead>
            <Table.Tr>
              {canEdit && (
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Select all on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((m) => m.id)))}
                  />
                </Table.Th>
              )}
              <Table.Th>Channel SKU</Table.Th>
              <Table.Th>Internal SKU</Table.Th>
              <Table.Th>Origin</Table.Th>
              <Table.Th>Warnings</Table.Th>
              {canEdit && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id}>
                {canEdit && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${m.channelSku}`}
                      checked={selected.has(m.id)}
                      onChange={() => toggle(m.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>{m.channelSku}</Table.Td>
                <Table.Td>
                  {m.components.map((c) => (
                    <div key={c.variantId}>
                      {c.sku}
                      {c.quantity !== 1 || m.components.length > 1 ? ` × ${c.quantity}` : ""}
                    </div>
                  ))}
                </Table.Td>
                <Table.Td>{labelOf(originLabels, m.origin)}</Table.Td>
                <Table.Td>
                  {uniqueWarnings(m).map((w) => (
                    <Tooltip key={`${w.code}:${w.message}`} label={w.message} multiline maw={320}>
                      <Badge color="orange" variant="light" tt="none" miw="max-content" mr={4}>
                        {labelOf(warningLabels, w.code)}
                      </Badge>
                    </Tooltip>
                  ))}
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setEditing(m)}
                        aria-label={`Edit ${m.channelSku}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        aria-label={`Delete ${m.channelSku}`}
                        onClick={() =>
                          setDeleting({ kind: "one", mappingId: m.id, channelSku: m.channelSku })
                        }
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {mappings.isSuccess && items.length === 0 && (
        <Text c="dimmed">{q || origin || warning ? "No mapping matches." : "No mappings yet."}</Text>
      )}
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
          disabled={!mappings.data?.nextCursor}
          onClick={() => {
            const next = mappings.data?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Next page
        </Button>
      </Group>
      {editing !== null && (
        <MappingDialog
          accountId={accountId}
          channelId={channel.id}
          mapping={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={changed}
        />
      )}
      {deleting !== null && (
        <DeleteDialog
          accountId={accountId}
          channelId={channel.id}
          target={deleting}
          onClose={() => setDeleting(null)}
          onDone={async (message, result) => {
            setSelected(new Set());
            setCursors([]);
            await changed(message, result);
          }}
        />
      )}
    </Stack>
  );
}
