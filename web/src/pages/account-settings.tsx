// Account settings: the master product source. Admins pick internal or a channel that can import
// products, see the dry run, confirm when the account already has products, and can sync now;
// other members read the setting.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "../api.ts";
import { useNotify } from "../components/notices.tsx";
import { useAccount } from "../session.tsx";
import { type DryRun, DryRunSummary, isDryRun, type MasterSource } from "../settings/dry-run-summary.tsx";
import { masterSourcePath, useMasterSource } from "../settings/master-source.ts";
import { SyncNow } from "../settings/sync-now.tsx";
import { atLeast } from "../types.ts";

const optionValue = (s: { source: string; channelId?: string }) =>
  s.source === "channel" ? `channel:${s.channelId}` : "internal";
const sourceOf = (value: string): MasterSource =>
  value.startsWith("channel:") ? { source: "channel", channelId: value.slice(8) } : { source: "internal" };

export function AccountSettingsPage() {
  const { accountId, account, role } = useAccount();
  const canEdit = atLeast(role, "admin");
  const queryClient = useQueryClient();
  const notify = useNotify();
  const path = masterSourcePath(accountId);
  const setting = useMasterSource(accountId);
  const [choice, setChoice] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const options = setting.data?.options ?? [];
  const current = setting.data ? optionValue(setting.data.masterProductSource) : "internal";
  const selected = choice ?? current;
  const labelOf = (value: string) => options.find((o) => optionValue(o) === value)?.label ?? value;
  const channelName = (id: string) => labelOf(`channel:${id}`).replace(/ \((sales|fulfillment)\).*$/, "");
  const reset = () => {
    setDryRun(null);
    setNeedsConfirm(false);
    setError(null);
  };

  const put = async (query: string, confirm: boolean) =>
    api.put<{ dryRun: DryRun; applied: boolean }>(`${path}${query}`, {
      ...sourceOf(selected),
      ...(confirm ? { confirm: true } : {}),
    });

  const runDry = async () => {
    setBusy(true);
    reset();
    try {
      setDryRun((await put("?dryRun=true", false)).dryRun);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async (confirm: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await put("", confirm);
      // Read the saved setting before dropping the local choice, so the field never shows the old one.
      await queryClient.invalidateQueries({ queryKey: ["master-source", accountId] });
      await queryClient.invalidateQueries({ queryKey: ["jobs", accountId] });
      reset();
      setChoice(null);
      notify({ message: `Master product source set to ${labelOf(selected)}.` });
    } catch (e) {
      if (e instanceof ApiError && e.code === "MASTER_CHANGE_UNCONFIRMED") {
        const details = e.details as { dryRun?: unknown } | null;
        if (isDryRun(details?.dryRun)) setDryRun(details.dryRun);
        setNeedsConfirm(true);
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={820}>
      <Title order={2}>Account settings: {account?.name}</Title>
      <Paper withBorder p="md">
        <Stack>
          <Title order={3} size="h4">
            Master product source
          </Title>
          <Text size="sm" c="dimmed">
            The system whose product data is the source of truth. With a channel as master, its listing
            downloads create and update your products; with Crosswalk (internal) you edit products here. Only
            channels that can import products are offered; a disabled one syncs nothing.
          </Text>
          {setting.error && <Alert color="red">{errorMessage(setting.error)}</Alert>}
          <NativeSelect
            label="Master product source"
            data={options.map((o) => ({ value: optionValue(o), label: o.label }))}
            value={selected}
            disabled={!canEdit || !setting.data}
            onChange={(e) => {
              setChoice(e.currentTarget.value);
              reset();
            }}
          />
          {dryRun && <DryRunSummary dryRun={dryRun} channelName={channelName} />}
          {needsConfirm && (
            <Alert color="orange" title="Confirm the switch">
              This account already has products. Switching the master changes the catalog as the dry run
              shows; listings whose SKU or barcode already exists update those variants instead of creating
              duplicates.
            </Alert>
          )}
          {error && <Alert color="red">{error}</Alert>}
          {canEdit && (
            <Group justify="flex-end">
              <Button variant="default" onClick={runDry} loading={busy && !dryRun} disabled={!setting.data}>
                Dry run
              </Button>
              {needsConfirm ? (
                <Button color="orange" onClick={() => save(true)} loading={busy}>
                  Confirm and save
                </Button>
              ) : (
                <Button onClick={() => save(false)} loading={busy} disabled={!dryRun || selected === current}>
                  Save
                </Button>
              )}
            </Group>
          )}
          {canEdit && !dryRun && selected !== current && (
            <Text size="xs" c="dimmed">
              Run the dry run first to see what the change would do; Save is offered after it.
            </Text>
          )}
        </Stack>
      </Paper>
      {setting.data?.masterProductSource.source === "channel" && (
        <SyncNow path={`${path}/sync`} canEdit={canEdit} master={labelOf(current)} />
      )}
    </Stack>
  );
}
