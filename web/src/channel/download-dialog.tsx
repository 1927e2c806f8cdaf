// Listing download: upload the channel's export, choose its format and all / since last import,
// then see the summary (read, new, auto-mapped by SKU / barcode, unmappable, ambiguous).
import { Alert, Button, FileInput, Group, Modal, NativeSelect, SegmentedControl, Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../api.ts";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";
import { DownloadSummary } from "./download-summary.tsx";

const formats = [
  { value: "amazon", label: "Amazon listings report" },
  { value: "shopify", label: "Shopify products CSV" },
  { value: "woocommerce", label: "WooCommerce products CSV" },
  { value: "magento", label: "Magento products CSV" },
  { value: "etsy", label: "Etsy listings CSV" },
  { value: "generic", label: "Generic CSV" },
];

export function DownloadDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState(
    formats.some((f) => f.value === channel.platform) ? channel.platform : "generic",
  );
  const [mode, setMode] = useState("all");
  const [summary, setSummary] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append("format", format);
      form.append("mode", mode);
      form.append("file", file, file.name);
      const result = await api.post<Record<string, unknown>>(
        `${accountPath(accountId)}/channels/${channel.id}/listings/downloads`,
        form,
      );
      setSummary((result.summary as Record<string, unknown> | undefined) ?? result);
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Download listings from the channel" size="lg">
      <Stack>
        <FileInput label="Channel export file" placeholder="Choose a file" value={file} onChange={setFile} />
        <NativeSelect
          label="Format"
          data={formats}
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value)}
        />
        <SegmentedControl
          aria-label="Which listings"
          value={mode}
          onChange={setMode}
          data={[
            { value: "all", label: "All listings" },
            { value: "since_last", label: "Since last import" },
          ]}
        />
        {error && <Alert color="red">{error}</Alert>}
        {summary && (
          <DownloadSummary
            summary={summary}
            downloadsPath={`${accountPath(accountId)}/channels/${channel.id}/listings/downloads`}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={run} disabled={!file} loading={busy}>
            Download listings
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
