// The SKU Mappings "Maintenance" menu: export (CSV / XLSX), canonical template, import.
import { Button, Menu } from "@mantine/core";
import { useState } from "react";
import { apiUrl } from "../api.ts";
import { accountPath, useAccount } from "../session.tsx";
import type { Channel } from "../types.ts";
import { ImportDialog } from "./import-dialog.tsx";

export function MaintenanceMenu({ channel, canEdit }: { channel: Channel; canEdit: boolean }) {
  const { accountId } = useAccount();
  const [importing, setImporting] = useState(false);
  const base = apiUrl(`${accountPath(accountId)}/channels/${channel.id}/mappings`);
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default">Maintenance</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component="a" href={`${base}/export`} download>
            Export CSV
          </Menu.Item>
          <Menu.Item component="a" href={`${base}/export?format=xlsx`} download>
            Export XLSX
          </Menu.Item>
          <Menu.Item component="a" href={`${base}/template`} download>
            Download template
          </Menu.Item>
          {canEdit && <Menu.Item onClick={() => setImporting(true)}>Import</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
      {importing && <ImportDialog channel={channel} onClose={() => setImporting(false)} />}
    </>
  );
}
