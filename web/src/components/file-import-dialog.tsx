// Importing a bulk file (mappings, catalog, stock): upload -> preview (counts, first errors, the
// error file) -> apply, in the background with a progress bar (rows done of the file).
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
import { type ReactNode, useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";

type RowError = { row?: number; column?: string; value?: string; reason?: string };
/** The preview's counts in words, "3 to create" (an unknown count keeps the API's key). */
const countWords: Record<string, string> = {
  create: "to create",
  update: "to update",
  delete: "to delete",
  unchanged: "unchanged",
  rejectedRows: "rejected rows",
};

export type ImportState = {
  id: string;
  status?: string;
  counts?: Record<string, number>;
  errors?: RowError[];
  errorCount?: number;
  errorFileUrl?: string | null;
  progress?: { rowsDone: number; rowsTotal: number; writingChanges?: number | null; waiting?: boolean };
  summary?: Record<string, unknown> | null;
  error?: { code: string; message: string } | null;
};

function percent(state: ImportState | null): number | null {
  const p = state?.progress;
  return p && p.rowsTotal > 0 ? (100 * p.rowsDone) / p.rowsTotal : null;
}

/** "2 products created, 1 variant updated" from an applied import's summary counts. */
export function summaryText(summary: Record<string, unknown> | null | undefined): string {
  const parts = Object.entries(summary ?? {})
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0)
    .map(([name, count]) => `${name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}: ${count}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

export function FileImportDialog(props: {
  title: string;
  /** what the file holds, shown above the file input */
  description: ReactNode;
  fileLabel: string;
  /** URL of the imports collection, e.g. /api/v1/accounts/{id}/products/imports */
  imports: string;
  /** added to the upload URL, e.g. "?source=shopify"; a change drops the preview */
  uploadQuery?: string;
  /** fields shown before the file input (e.g. the kind of catalog file) */
  children?: ReactNode;
  /** a warning about what applying the previewed file does (e.g. the mappings it deletes) */
  warningOf?: (preview: ImportState) => string | null;
  onApplied: (applied: ImportState) => Promise<void>;
  onClose: () => void;
}) {
  const { imports, uploadQuery = "", onClose } = props;
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState | null>(null);
  const [applying, setApplying] = useState(false);
  const [validOnly, setValidOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a preview belongs to the query it was made with
  useEffect(() => setState(null), [uploadQuery]);

  const upload = async () => {
    if (!file) return;
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      setState(await api.post<ImportState>(`${imports}${uploadQuery}`, form));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const applyInBackground = async (id: string): Promise<ImportState> => {
    // The server applies in the background (async=true): poll the import for its progress until
    // it is applied or failed ("previewed" again: the server stopped before it finished).
    const query = `?async=true${validOnly ? "&validRowsOnly=true" : ""}`;
    let current = await api.post<ImportState>(`${imports}/${id}/apply${query}`);
    setState((old) => ({ ...old, ...current }));
    while (current.status === "applying") {
      await new Promise((resolve) => setTimeout(resolve, 300));
      current = await api.get<ImportState>(`${imports}/${id}`);
      setState((old) => ({ ...old, ...current }));
    }
    return current;
  };

  const apply = async () => {
    if (!state) return;
    setApplying(true);
    setError(null);
    try {
      const current = await applyInBackground(state.id);
      if (current.status === "failed")
        throw new Error(current.error?.message ?? "The import failed; nothing was changed.");
      if (current.status !== "applied")
        throw new Error("The import did not finish; nothing was changed. Apply it again.");
      await props.onApplied(current);
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
    <Modal opened onClose={onClose} title={props.title} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {props.description} Nothing changes until you apply.
        </Text>
        {props.children}
        <Group align="flex-end">
          <FileInput
            label={props.fileLabel}
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
                <b>{count}</b> {countWords[name] ?? name}
              </Text>
            ))}
          </Group>
        )}
        {state && props.warningOf?.(state) && (
          <Alert color="yellow" aria-label="Import warning">
            {props.warningOf(state)}
          </Alert>
        )}
        {errorTotal > 0 && (
          <Alert color="orange" title={`${errorTotal} ${errorTotal === 1 ? "row has" : "rows have"} errors`}>
            <Table fz="sm">
              <Table.Tbody>
                {errors.slice(0, 10).map((e) => (
                  <Table.Tr key={`${e.row}-${e.column}-${e.reason}`}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>row {e.row}</Table.Td>
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
        {applying && state?.progress?.waiting && (
          <Text size="sm">Another import is being applied here; this one starts when it is done…</Text>
        )}
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
