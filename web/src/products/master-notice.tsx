// Shown on the Products page while a channel is the master product source: edits made here still
// save (the API allows them), but the master's next sync overwrites them, so say so up front.
import { Alert, Anchor } from "@mantine/core";
import { Link } from "react-router";
import { useChannels } from "../pages/channels.tsx";
import { useMasterSource } from "../settings/master-source.ts";

export function MasterNotice({ accountId }: { accountId: string }) {
  const setting = useMasterSource(accountId);
  const channels = useChannels(accountId);
  const master = setting.data?.masterProductSource;
  if (master?.source !== "channel") return null;
  const name = channels.data?.items.find((c) => c.id === master.channelId)?.displayName ?? "a channel";
  return (
    <Alert color="blue" aria-label="Master product source">
      Product data comes from {name}, the master product source: changes made here are overwritten by its next
      sync. Change this in{" "}
      <Anchor component={Link} to={`/a/${accountId}/settings`} inherit>
        Settings
      </Anchor>
      .
    </Alert>
  );
}
