// Matching suggestions for unmapped listings: the best candidate with its reasons and score;
// accept one, the selected, or every suggestion above a score (one undoable operation).
import { Alert, Button, Checkbox, Group, NumberInput, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage, type Page, query } from "../api.ts";
import { accountPath } from "../session.tsx";
import { useChangeNotice } from "./undo.ts";

type Candidate = {
  variantId: string;
  sku: string;
  name: string | null;
  score: number;
  reasons: { code: string; score: number; detail: string }[];
};
type Suggestion = {
  listingId: string;
  channelSku: string;
  title: string | null;
  tie: boolean;
  candidates: Candidate[];
};

export function Suggestions(props: { accountId: string; channelId: string; canEdit: boolean }) {
  const base = `${accountPath(props.accountId)}/channels/${props.channelId}`;
  const changed = useChangeNotice(props.accountId);
  const [minScore, setMinScore] = useState(0.9);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const suggestions = useQuery({
    queryKey: ["unmapped", props.accountId, props.channelId, "suggestions"],
    queryFn: async () => {
      try {
        return await api.get<Page<Suggestion>>(`${base}/suggestions${query({ limit: 100 })}`);
      } catch (e) {
        if (e instanceof ApiError && e.missingRoute) return null;
        throw e;
      }
    },
  });
  if (suggestions.data === null) return null;
  const items = suggestions.data?.items ?? [];
  const pick = (s: Suggestion) => ({ listingId: s.listingId, variantId: s.candidates[0]?.variantId ?? "" });

  const accept = async (body: unknown, what: string) => {
    setError(null);
    try {
      const result = await api.post<{ created: number; skipped: unknown[] }>(
        `${base}/suggestions/accept`,
        body,
      );
      setSelected(new Set());
      await changed(`Accepted ${what}: ${result.created} mapped, ${result.skipped.length} skipped.`, result);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Suggestions
      </Title>
      {error && <Alert color="red">{error}</Alert>}
      {suggestions.error && <Alert color="red">{errorMessage(suggestions.error)}</Alert>}
      {props.canEdit && items.length > 0 && (
        <Group align="flex-end">
          <Button
            disabled={selected.size === 0}
            onClick={() =>
              accept(
                { accept: items.filter((s) => selected.has(s.listingId)).map(pick) },
                `${selected.size} suggestions`,
              )
            }
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
            onClick={() => accept({ allAboveScore: minScore }, `suggestions scoring ${minScore}+`)}
          >
            Accept all above score
          </Button>
        </Group>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label="Suggestions">
            <Table.Thead>
              <Table.Tr>
                {props.canEdit && <Table.Th w={40} />}
                <Table.Th>Channel SKU</Table.Th>
                <Table.Th>Suggested internal SKU</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Score</Table.Th>
                {props.canEdit && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => {
                const best = s.candidates[0];
                return (
                  <Table.Tr key={s.listingId}>
                    {props.canEdit && (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Select suggestion for ${s.channelSku}`}
                          checked={selected.has(s.listingId)}
                          onChange={() => toggle(s.listingId)}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>{s.channelSku}</Table.Td>
                    <Table.Td>
                      {best?.sku}
                      {s.tie && " (tie: check)"}
                    </Table.Td>
                    <Table.Td>{best?.reasons.map((r) => r.detail).join("; ")}</Table.Td>
                    <Table.Td>{best?.score.toFixed(2)}</Table.Td>
                    {props.canEdit && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`Accept suggestion for ${s.channelSku}`}
                          onClick={() => accept({ accept: [pick(s)] }, `the suggestion for ${s.channelSku}`)}
                        >
                          Accept
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {suggestions.isSuccess && items.length === 0 && <Text c="dimmed">No suggestions.</Text>}
    </Stack>
  );
}
