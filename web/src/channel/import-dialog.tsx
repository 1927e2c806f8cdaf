// Mapping import: the bulk-file dialog on the channel's mappings, applied in the background with
// a progress bar; once applied, a notice with the summary and Undo (the import is one operation).
// Mode merge (only the file's channel SKUs change) or replace (the channel's other mappings go).
import { NativeSelect } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FileImportDialog, summaryText } from "../components/file-import-dialog.tsx";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";
import { useChangeNotice } from "./undo.ts";

export function ImportDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const changed = useChangeNotice(accountId);
  const [mode, setMode] = useState("merge");
  return (
    <FileImportDialog
      title="Import SKU mappings"
      description="CSV or XLSX with the columns channel_sku, internal_sku, quantity, seller_id, action (see Download template)."
      fileLabel="Mapping file"
      imports={`${accountPath(accountId)}/channels/${channel.id}/mappings/imports`}
      uploadQuery={mode === "replace" ? "?mode=replace" : ""}
      onApplied={async (applied) => {
        await queryClient.invalidateQueries({ queryKey: ["mappings", accountId] });
        // the summary carries the import's operation: the notice offers to undo it
        await changed(`Import applied to ${channel.name}: ${summaryText(applied.summary)}.`, applied.summary);
      }}
      warningOf={(preview) => {
        const deleted = preview.counts?.delete ?? 0;
        return deleted > 0
          ? `Applying deletes ${deleted} mapping${deleted === 1 ? "" : "s"} of ${channel.name}${mode === "replace" ? " that the file does not name" : ""}; Undo in the notice afterwards restores them.`
          : null;
      }}
      onClose={onClose}
    >
      <NativeSelect
        label="Mode"
        data={[
          { value: "merge", label: "Merge: only the channel SKUs in the file change" },
          { value: "replace", label: "Replace: mappings of the channel not in the file are deleted" },
        ]}
        value={mode}
        onChange={(e) => setMode(e.currentTarget.value)}
      />
    </FileImportDialog>
  );
}
