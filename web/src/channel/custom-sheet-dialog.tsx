// The custom-mapping sheet: download the unmapped listings auto-mapping could not map (CSV or
// XLSX, with a suggested SKU as a hint), fill in internal_sku, upload it: a check (dry run)
// first, then apply; created count and every failed row with its reason.
import { Alert, Anchor, Button, FileInput, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { api, apiUrl, errorMessage } from "../api.ts";
import { accountPath } from "../session.tsx";
import { useChangeNotice } from "./undo.ts";

type SheetResult = {
  operationId: string | null;
  created: number;
  ignored: number;
  failed: { row: number; channelSku: string; internalSku: string; reason: string }[];
  errorFileUrl?: string | null;
};

export function CustomSheetDialog(props: {
  accountId: string;
  channelId: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const path = `${accountPath(props.accountId)}/channels/${props.channelId}/custom-sheet`;
  const changed = useChangeNotice(props.accountId);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<SheetResult | null>(null);
  const [applied, setApplied] = useState<SheetResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      const result = await api.post<SheetResult>(`${path}${dryRun ? "?dryRun=true" : ""}`, form);
      if (dryRun) setChecked(result);
      else {
        setApplied(result);
        await changed(`Custom sheet applied: ${result.created} mappings created.`, result);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = applied ?? checked;

  return (
    <Modal opened onClose={props.onClose} title="Custom mapping sheet" size="lg">
      <Stack>
        <Text size="sm">
          The sheet lists the unmapped listings that automatic mapping could not map, with a suggested SKU as
          a hint. Fill in the internal_sku column and upload it; rows left empty are ignored.
        </Text>
        <Group>
          <Button component="a" href={apiUrl(`${path}?format=csv`)} download variant="default">
            Download sheet (CSV)
          </Button>
          <Button component="a" href={apiUrl(`${path}?format=xlsx`)} download variant="default">
            Download sheet (XLSX)
          </Button>
        </Group>
        {props.canEdit && (
          <FileInput
            label="Filled-in sheet (CSV or XLSX)"
            placeholder="Choose a file"
            value={file}
            onChange={(f) => {
              setFile(f);
              setChecked(null);
              setApplied(null);
            }}
          />
        )}
        {error && <Alert color="red">{error}</Alert>}
        {shown && (
          <Alert
            color={shown.failed.length ? "orange" : "teal"}
            title={applied ? "Sheet applied" : "Sheet checked (nothing written yet)"}
          >
            <Text size="sm">
              {applied ? "Created" : "Would create"}: <b>{shown.created}</b>, ignored (empty internal_sku):{" "}
              <b>{shown.ignored}</b>, failed: <b>{shown.failed.length}</b>
            </Text>
            {shown.failed.length > 0 && (
              <Table fz="sm" mt="xs" aria-label="Failed rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Row</Table.Th>
                    <Table.Th>Channel SKU</Table.Th>
                    <Table.Th>Internal SKU</Table.Th>
                    <Table.Th>Reason</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.failed.slice(0, 50).map((f) => (
                    <Table.Tr key={f.row}>
                      <Table.Td>{f.row}</Table.Td>
                      <Table.Td>{f.channelSku}</Table.Td>
                      <Table.Td>{f.internalSku}</Table.Td>
                      <Table.Td>{f.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {shown.errorFileUrl && (
              <Anchor size="sm" href={shown.errorFileUrl} download>
                Download the failed rows (with an error column) to fix and upload again
              </Anchor>
            )}
            {!applied && shown.failed.length > 0 && (
              <Text size="xs" mt="xs">
                Applying maps the valid rows only; fix the failed ones and upload them again, or{" "}
                <Anchor size="xs" href={apiUrl(`${path}?format=csv`)} download>
                  download a fresh sheet
                </Anchor>
                .
              </Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Close
          </Button>
          {props.canEdit && !applied && (
            <Button variant="light" onClick={() => send(true)} disabled={!file} loading={busy && !checked}>
              Check sheet
            </Button>
          )}
          {props.canEdit && !applied && (
            <Button
              onClick={() => send(false)}
              disabled={!checked || checked.created === 0}
              loading={busy && !!checked}
            >
              Apply sheet
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
