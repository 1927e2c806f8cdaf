// A scheduled job's run history, newest first: trigger, when, outcome, error and result.
import { Alert, Badge, Button, Group, Loader, Modal, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage, type Page, query } from "../api.ts";
import { jobKindLabels, labelOf } from "../labels.ts";

type JobRun = {
  id: string;
  trigger: string;
  scheduledFor: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  error: string | null;
  result: unknown;
};

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export const outcomeColor = (outcome: string) =>
  outcome === "succeeded" ? "teal" : outcome === "running" ? "blue" : "red";

/**
 * Why a run that succeeded did nothing, or null: a product download with no file in the channel's
 * inbox answers { downloaded: false, reason }, which is not news that something was downloaded.
 */
export function nothingToDo(run: { outcome: string; result: unknown }): string | null {
  if (run.outcome !== "succeeded" || typeof run.result !== "object" || run.result === null) return null;
  const { downloaded, reason } = run.result as { downloaded?: unknown; reason?: unknown };
  return downloaded === false ? String(reason ?? "nothing to download") : null;
}

function resultText(result: unknown): string {
  if (result === null || result === undefined) return "";
  if (typeof result !== "object") return String(result);
  return Object.entries(result as Record<string, unknown>)
    .filter(([, v]) => typeof v === "number" || typeof v === "string")
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
}

export function JobRunsDialog(props: { path: string; job: { kind: string }; onClose: () => void }) {
  const kind = labelOf(jobKindLabels, props.job.kind);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const runs = useQuery({
    queryKey: ["job-runs", props.path, cursor],
    queryFn: () => api.get<Page<JobRun>>(`${props.path}${query({ cursor, limit: 20 })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Modal opened onClose={props.onClose} title={`Run history: ${kind}`} size="xl">
      {runs.isPending && <Loader size="sm" aria-label="Loading runs" />}
      {runs.error && <Alert color="red">{errorMessage(runs.error)}</Alert>}
      {runs.data && runs.data.items.length === 0 && <Text c="dimmed">This job has not run yet.</Text>}
      {runs.data && runs.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label="Job runs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Result or error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.items.map((run) => {
                const idle = nothingToDo(run);
                return (
                  <Table.Tr key={run.id}>
                    <Table.Td>{when(run.startedAt)}</Table.Td>
                    <Table.Td>{run.trigger}</Table.Td>
                    <Table.Td>
                      <Badge color={idle ? "gray" : outcomeColor(run.outcome)} variant="light">
                        {idle ? "nothing to do" : run.outcome}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{run.error ?? idle ?? resultText(run.result)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="flex-end" mt="sm">
        <Button
          variant="default"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer runs
        </Button>
        <Button
          variant="default"
          disabled={!runs.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, runs.data?.nextCursor ?? ""])}
        >
          Older runs
        </Button>
      </Group>
    </Modal>
  );
}
