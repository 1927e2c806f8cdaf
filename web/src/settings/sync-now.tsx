// "Sync now": updates the catalog from the master channel's stored listings and shows the result.
import { Alert, Button, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../api.ts";
import { type SyncCounts, SyncCountsText } from "./dry-run-summary.tsx";

type SyncResult = SyncCounts & {
  conflicts: { channelSku: string; rows: number[]; reason: string }[];
  issues: { row: number; channelSku: string; reason: string }[];
  operationId: string | null;
  skipped?: string;
};

export function SyncNow(props: { path: string; canEdit: boolean; master: string }) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<SyncResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<SyncResult>(props.path));
      await queryClient.invalidateQueries({ queryKey: ["products"] });
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h4">
          Product sync
        </Title>
        <Text size="sm" c="dimmed">
          Every listing download of {props.master} updates the catalog. Sync now applies the channel's stored
          listings again.
        </Text>
        {props.canEdit && (
          <Button onClick={run} loading={busy} w="fit-content">
            Sync now
          </Button>
        )}
        {error && <Alert color="red">{error}</Alert>}
        {result && (
          <Alert color="teal" title="Sync result">
            {result.skipped ? <Text size="sm">{result.skipped}</Text> : <SyncCountsText counts={result} />}
            {result.issues.length > 0 && (
              <List size="sm" mt="xs">
                {result.issues.slice(0, 20).map((i) => (
                  <List.Item key={`${i.row}:${i.channelSku}`}>
                    Row {i.row} ({i.channelSku}): {i.reason}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
