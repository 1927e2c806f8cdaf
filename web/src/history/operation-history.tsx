// The history of changes, of one channel or of the whole account, newest first as the API lists
// them: when, what, who, how many mappings it changed, and whether it was undone. Editors undo an
// operation here long after its notice is gone; a refusal (a newer change in the way, already
// undone) shows the server's message above the table.
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { api, errorMessage, type Page, query } from "../api.ts";
import { when } from "../channel/job-runs-dialog.tsx";
import { useRefreshMappings } from "../channel/undo.ts";
import { useNotify } from "../components/notices.tsx";
import { labelOf, operationKindLabels } from "../labels.ts";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Operation } from "../types.ts";
import { useActorName } from "./actors.ts";

const pageSize = 25;

/**
 * Kinds that change products, variants or settings rather than mappings: the server's undo only
 * restores mappings and refuses them, so they offer no Undo button. A kind unknown here keeps the
 * button; the server then says whether it can be undone.
 */
const notUndoable = new Set(["product_sync", "settings.master-product-source"]);

function undoable(op: Operation): boolean {
  return op.undoneAt === null && op.channelId !== null && !notUndoable.has(op.kind);
}

function changesText(op: Operation): string {
  const { entries } = op.counts;
  // those kinds record no "before", so every entry would count as "created"
  if (notUndoable.has(op.kind)) return `${entries} change${entries === 1 ? "" : "s"}`;
  const parts = (["created", "updated", "deleted"] as const)
    .filter((k) => op.counts[k] > 0)
    .map((k) => `${op.counts[k]} ${k}`);
  return parts.length > 0 ? parts.join(", ") : "no change";
}

export function OperationHistory(props: {
  /** Only this channel's operations; without it, the whole account's. */
  channelId?: string;
  /** When given, a Channel column shows where each operation happened. */
  channelCell?: (op: Operation) => ReactNode;
}) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const notify = useNotify();
  const refresh = useRefreshMappings(accountId);
  const actorName = useActorName(accountId);
  const [undoing, setUndoing] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const path = `${accountPath(accountId)}/operations`;
  const operations = useInfiniteQuery({
    queryKey: ["operations", accountId, props.channelId ?? "all"],
    queryFn: ({ pageParam }) =>
      api.get<Page<Operation>>(
        `${path}${query({ channelId: props.channelId, cursor: pageParam, limit: pageSize })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // changes made in other tabs, or by colleagues, show as soon as the history is opened
    staleTime: 0,
  });

  // No confirmation: an undo is itself recorded and can be undone from this list.
  const undo = async (op: Operation) => {
    setUndoing(op.id);
    setRefused(null);
    try {
      await api.post(`${path}/${op.id}/undo`);
      notify({ message: `Undone: ${op.summary}.` });
    } catch (e) {
      setRefused(`Could not undo "${op.summary}": ${errorMessage(e)}`);
    }
    await refresh();
    setUndoing(null);
  };

  const status = (op: Operation) => {
    if (op.undoneAt !== null) {
      return (
        <Stack gap={2}>
          <Badge color="gray" variant="light" miw="max-content">
            Undone
          </Badge>
          <Text size="xs">
            {when(op.undoneAt)} by {actorName(op.undoneBy)}
          </Text>
        </Stack>
      );
    }
    if (notUndoable.has(op.kind)) {
      return (
        <Text size="xs" c="dimmed">
          Cannot be undone
        </Text>
      );
    }
    if (!canEdit || !undoable(op)) return null;
    return (
      <Button
        size="xs"
        variant="light"
        loading={undoing === op.id}
        disabled={undoing !== null && undoing !== op.id}
        onClick={() => undo(op)}
        aria-label={`Undo: ${op.summary}`}
      >
        Undo
      </Button>
    );
  };

  const items = operations.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      {operations.error && <Alert color="red">{errorMessage(operations.error)}</Alert>}
      {refused && (
        <Alert color="red" title="Undo refused" withCloseButton onClose={() => setRefused(null)}>
          {refused}
        </Alert>
      )}
      {operations.isPending && <Loader size="sm" aria-label="Loading history" />}
      <Table.ScrollContainer minWidth={860}>
        <Table striped aria-label="History" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              {props.channelCell && <Table.Th>Channel</Table.Th>}
              <Table.Th>Who</Table.Th>
              <Table.Th>Changes</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((op) => (
              <Table.Tr key={op.id}>
                <Table.Td>{when(op.createdAt)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" miw="max-content">
                    {labelOf(operationKindLabels, op.kind)}
                  </Badge>
                  <Text size="sm">{op.summary}</Text>
                </Table.Td>
                {props.channelCell && <Table.Td>{props.channelCell(op)}</Table.Td>}
                <Table.Td>{actorName(op.actor)}</Table.Td>
                <Table.Td>{changesText(op)}</Table.Td>
                <Table.Td>{status(op)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {operations.isSuccess && items.length === 0 && <Text c="dimmed">No changes recorded yet.</Text>}
      {operations.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={operations.isFetchingNextPage}
            onClick={() => operations.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
