// Scheduled jobs of a channel: kind, interval, enabled, last and next run, outcome; admins
// create, enable / disable, delete and run them now; everyone can open a job's run history.
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { useNotify } from "../components/notices.tsx";
import { jobKindLabels, labelOf } from "../labels.ts";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";
import { JobRunsDialog, nothingToDo, outcomeColor, when } from "./job-runs-dialog.tsx";

export type Job = {
  id: string;
  kind: string;
  intervalSeconds: number;
  enabled: boolean;
  nextRunAt: string;
  lastRunAt: string | null;
  lastOutcome: string | null;
  lastError: string | null;
  failures: number;
};

export const jobKinds = [
  { value: "product_download", label: `${jobKindLabels.product_download} (reads the channel's inbox file)` },
  { value: "inventory_push", label: `${jobKindLabels.inventory_push} (writes the inventory feed)` },
  { value: "product_push", label: `${jobKindLabels.product_push} (writes the product feed)` },
];

const kindOf = (job: { kind: string }) => labelOf(jobKindLabels, job.kind);

export function JobsTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "admin");
  const queryClient = useQueryClient();
  const notify = useNotify();
  const base = `${accountPath(accountId)}/channels/${channel.id}/jobs`;
  const jobs = useQuery({
    queryKey: ["jobs", accountId, channel.id],
    queryFn: () => api.get<{ items: Job[] }>(base),
  });
  const [kind, setKind] = useState("inventory_push");
  const [interval, setInterval] = useState<number>(3600);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [rowError, setRowError] = useState<string | null>(null);
  const [history, setHistory] = useState<Job | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["jobs", accountId, channel.id] });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.post(base, { kind, intervalSeconds: interval, enabled: true });
      setErrors(noErrors);
      notify({ message: `Job ${labelOf(jobKindLabels, kind)} scheduled every ${interval} s.` });
      await refresh();
    } catch (e) {
      setErrors(toFormErrors(e, (f) => f === "kind" || f === "intervalSeconds"));
    }
  };
  /** `message` is the notice after `what` succeeded; a function of its answer when that matters. */
  const act = async <T,>(what: () => Promise<T>, message: string | ((answer: T) => string)) => {
    setRowError(null);
    try {
      const answer = await what();
      notify({ message: typeof message === "string" ? message : message(answer) });
    } catch (e) {
      setRowError(errorMessage(e));
    }
    await refresh();
  };
  const runNow = async (job: Job) => {
    setRunning(job.id);
    await act(
      async () => {
        const run = await api.post<{ outcome: string; error: string | null; result: unknown }>(
          `${base}/${job.id}/run`,
        );
        if (run.outcome !== "succeeded")
          throw new Error(`Run of ${kindOf(job)}: ${run.outcome}. ${run.error ?? ""}`);
        return run;
      },
      (run) => {
        const idle = nothingToDo(run);
        return idle ? `Ran ${kindOf(job)}: nothing to do (${idle}).` : `Ran ${kindOf(job)}: succeeded.`;
      },
    );
    setRunning(null);
  };

  const items = jobs.data?.items ?? [];
  return (
    <Stack>
      {jobs.error && <Alert color="red">{errorMessage(jobs.error)}</Alert>}
      {rowError && <Alert color="red">{rowError}</Alert>}
      <Table.ScrollContainer minWidth={860}>
        <Table striped aria-label="Scheduled jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Every</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th>Last run</Table.Th>
              <Table.Th>Next run</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>{kindOf(job)}</Table.Td>
                <Table.Td>{job.intervalSeconds} s</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`Enabled: ${kindOf(job)}`}
                    checked={job.enabled}
                    disabled={!canEdit}
                    onChange={(e) => {
                      const enabled = e.currentTarget.checked;
                      void act(
                        () => api.patch(`${base}/${job.id}`, { enabled }),
                        `${kindOf(job)} ${enabled ? "enabled" : "disabled"}.`,
                      );
                    }}
                  />
                </Table.Td>
                <Table.Td>{when(job.lastRunAt)}</Table.Td>
                <Table.Td>{job.enabled ? when(job.nextRunAt) : "disabled"}</Table.Td>
                <Table.Td>
                  {job.lastOutcome && (
                    <Badge
                      color={outcomeColor(job.lastOutcome)}
                      variant="light"
                      title={job.lastError ?? undefined}
                    >
                      {job.lastOutcome}
                    </Badge>
                  )}
                  {job.failures > 0 && <Text size="xs">{job.failures} failures in a row</Text>}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setHistory(job)}
                      aria-label={`History of ${kindOf(job)}`}
                    >
                      History
                    </Button>
                    {canEdit && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={running === job.id}
                        onClick={() => runNow(job)}
                        aria-label={`Run ${kindOf(job)} now`}
                      >
                        Run now
                      </Button>
                    )}
                    {canEdit && (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        aria-label={`Delete ${kindOf(job)}`}
                        onClick={() =>
                          act(() => api.delete(`${base}/${job.id}`), `Job ${kindOf(job)} deleted.`)
                        }
                      >
                        Delete
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {jobs.isSuccess && items.length === 0 && <Text c="dimmed">No scheduled jobs.</Text>}
      {canEdit && (
        <Paper withBorder p="md" maw={720}>
          <Stack component="form" onSubmit={create} aria-label="Schedule a job">
            <Title order={3} size="h5">
              Schedule a job
            </Title>
            {errors.alert && <Alert color="red">{errors.alert}</Alert>}
            <NativeSelect
              label="Job kind"
              data={jobKinds}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              error={errors.fields.kind}
            />
            <NumberInput
              label="Interval (seconds)"
              description="At least 10 seconds"
              min={10}
              clampBehavior="none"
              value={interval}
              onChange={(v) => setInterval(typeof v === "number" ? v : Number(v) || 0)}
              error={errors.fields.intervalSeconds}
            />
            <Group justify="flex-end">
              <Button type="submit">Schedule job</Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {history && (
        <JobRunsDialog path={`${base}/${history.id}/runs`} job={history} onClose={() => setHistory(null)} />
      )}
    </Stack>
  );
}
