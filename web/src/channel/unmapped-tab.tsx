// The unmapped queue: listings without a mapping, each mappable from here, with the matching
// suggestions (reason and score) to accept one, the selected, or all above a score.
import { Alert, Button, Checkbox, Group, NumberInput, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage, type Page } from "../api.ts";
import { AutoTable, type Row } from "../components/auto-table.tsx";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";
import { MappingDialog } from "./mapping-dialog.tsx";
import { useChangeNotice } from "./undo.ts";

export function UnmappedTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const changed = useChangeNotice(accountId);
  const base = `${accountPath(accountId)}/channels/${channel.id}`;
  const [mapping, setMapping] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [minScore, setMinScore] = useState<number>(0.9);
  const [error, setError] = useState<string | null>(null);

  const unmapped = useQuery({
    queryKey: ["unmapped", accountId, channel.id],
    queryFn: () => api.get<Page<Row>>(`${base}/unmapped?limit=100`),
  });
  const suggestions = useQuery({
    queryKey: ["unmapped", accountId, channel.id, "suggestions"],
    queryFn: async () => {
      try {
        return await api.get<Page<Row>>(`${base}/suggestions?limit=100`);
      } catch (e) {
        if (e instanceof ApiError && e.missingRoute) return null;
        throw e;
      }
    },
  });

  const accept = async (body: Record<string, unknown>, what: string) => {
    setError(null);
    try {
      const result = await api.post(`${base}/suggestions/accept`, body);
      setSelected(new Set());
      await changed(`Accepted ${what}.`, result);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const suggestionId = (row: Row) => String(row.id ?? row.suggestionId ?? row.listingId);

  return (
    <Stack>
      {error && <Alert color="red">{error}</Alert>}
      {suggestions.data && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            Suggestions
          </Title>
          {canEdit && (
            <Group align="flex-end">
              <Button
                disabled={selected.size === 0}
                onClick={() => accept({ suggestionIds: [...selected] }, `${selected.size} suggestions`)}
              >
                Accept selected
              </Button>
              <NumberInput
                label="Minimum score"
                min={0}
                max={1}
                step={0.05}
                decimalScale={2}
                value={minScore}
                onChange={(v) => setMinScore(Number(v) || 0)}
                w={140}
              />
              <Button
                variant="light"
                onClick={() => accept({ minScore }, `all suggestions scoring ${minScore} or more`)}
              >
                Accept all above score
              </Button>
            </Group>
          )}
          <AutoTable
            label="Suggestions"
            items={suggestions.data.items}
            columns={[
              ...(canEdit
                ? [
                    {
                      key: "select",
                      label: "",
                      render: (r: Row) => (
                        <Checkbox
                          aria-label={`Select suggestion for ${String(r.channelSku)}`}
                          checked={selected.has(suggestionId(r))}
                          onChange={() =>
                            setSelected((old) => {
                              const next = new Set(old);
                              const id = suggestionId(r);
                              if (next.has(id)) next.delete(id);
                              else next.add(id);
                              return next;
                            })
                          }
                        />
                      ),
                    },
                  ]
                : []),
              { key: "channelSku", label: "Channel SKU" },
              {
                key: "sku",
                label: "Suggested internal SKU",
                render: (r) => String(r.sku ?? r.internalSku ?? (r.variant as Row | undefined)?.sku ?? ""),
              },
              { key: "reason", label: "Reason" },
              { key: "score", label: "Score" },
            ]}
            actions={
              canEdit
                ? (r) => (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() =>
                        accept(
                          { suggestionIds: [suggestionId(r)] },
                          `the suggestion for ${String(r.channelSku)}`,
                        )
                      }
                    >
                      Accept
                    </Button>
                  )
                : undefined
            }
          />
          {suggestions.data.items.length === 0 && <Text c="dimmed">No suggestions.</Text>}
        </Stack>
      )}
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
