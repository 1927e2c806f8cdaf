// Mapping import: upload a file -> preview (counts, first errors, error file) -> apply, with a
// progress bar (rows done of the file) while the server applies it in the background.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../api.ts";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";
import { useChangeNotice } from "./undo.ts";

type RowError = { row?: number; column?: string; value?: string; reason?: string };
type ImportState = {
  id: string;
  status?: string;
  counts?: Record<string, number>;
  errors?: RowError[];
  errorCount?: number;
  errorFileUrl?: string | null;
  progress?: { rowsDone: number; rowsTotal: number; writingChanges?: number | null };
  operationId?: string;
  error?: { code: string; message: string } | null;
};

function percent(state: ImportState | null): number | null {
  const p = state?.progress;
  return p && p.rowsTotal > 0 ? (100 * p.rowsDone) / p.rowsTotal : null;
}

export function ImportDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const changed = useChangeNotice(accountId);
  const base = `${accountPath(accountId)}/channels/${channel.id}/mappings/imports`;
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState | null>(null);
  const [applying, setApplying] = useState(false);
  const [validOnly, setValidOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async () => {
    if (!file) return;
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      setState(await api.post<ImportState>(base, form));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const apply = async () => {
    if (!state) return;
    setApplying(true);
    setError(null);
    try {
      // The server applies in the background (async=true): poll the import for its progress until
      // it is applied or failed ("previewed" again: the server stopped before it finished).
      const query = `?async=true${validOnly ? "&validRowsOnly=true" : ""}`;
      let current = await api.post<ImportState>(`${base}/${state.id}/apply${query}`);
      setState((old) => ({ ...old, ...current }));
      while (current.status === "applying") {
        await new Promise((resolve) => setTimeout(resolve, 300));
        current = await api.get<ImportState>(`${base}/${state.id}`);
        setState((old) => ({ ...old, ...current }));
      }
      if (current.status === "failed")
        throw new Error(current.error?.message ?? "The import failed; nothing was changed.");
      if (current.status !== "applied")
        throw new Error("The import did not finish; nothing was changed. Apply it again.");
      await queryClient.invalidateQueries({ queryKey: ["mappings", accountId] });
      await changed(`Import applied to ${channel.name}.`, current);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setApplying(false);
    }
  };

  const errors = state?.errors ?? [];
  const errorTotal = state?.counts?.rejectedRows ?? state?.errorCount ?? errors.length;
  const pct = percent(state);

  return (
    <Modal opened onClose={onClose} title="Import SKU mappings" size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          CSV or XLSX with the columns channel_sku, internal_sku, quantity, seller_id, action (see Download
          template). Nothing changes until you apply.
        </Text>
        <Group align="flex-end">
          <FileInput
            label="Mapping file"
            placeholder="Choose a file"
            accept=".csv,.txt,.tsv,.xlsx"
            value={file}
            onChange={(f) => {
              setFile(f);
              setState(null);
            }}
            style={{ flex: 1 }}
          />
          <Button onClick={upload} disabled={!file || applying}>
            Upload and preview
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {state?.counts && (
          <Group gap="lg" aria-label="Import preview counts">
            {Object.entries(state.counts).map(([name, count]) => (
              <Text key={name} size="sm">
                {name}: <b>{count}</b>
              </Text>
            ))}
          </Group>
        )}
        {errorTotal > 0 && (
          <Alert color="orange" title={`${errorTotal} rows have errors`}>
            <Table fz="sm">
              <Table.Tbody>
                {errors.slice(0, 10).map((e) => (
                  <Table.Tr key={`${e.row}-${e.column}-${e.reason}`}>
                    <Table.Td>row {e.row}</Table.Td>
                    <Table.Td>{e.column}</Table.Td>
                    <Table.Td>{e.value}</Table.Td>
                    <Table.Td>{e.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {state?.errorFileUrl && (
              <Anchor href={state.errorFileUrl} download>
                Download the error file
              </Anchor>
            )}
          </Alert>
        )}
        {errorTotal > 0 && (
          <Checkbox
            label="Apply the valid rows only (the rows with errors are left out)"
            checked={validOnly}
            onChange={(e) => setValidOnly(e.currentTarget.checked)}
          />
        )}
        {applying && <Progress value={pct ?? 100} animated striped aria-label="Applying import" />}
        {applying && state?.progress?.writingChanges != null && (
          <Text size="sm">
            File checked; writing {state.progress.writingChanges.toLocaleString()} changes in one transaction…
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={apply} disabled={!state || (errorTotal > 0 && !validOnly)} loading={applying}>
            Apply
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
