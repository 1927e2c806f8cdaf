// Confirms deleting one, the selected, or all mappings of a channel, with the impact preview
// first; "delete all" also needs the typed confirmation "delete-all".
import { Alert, Button, Group, Loader, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "../api.ts";
import { declaresQuery, mappingPath, mappingsPath, useOpenApi } from "../capabilities.ts";
import { accountPath } from "../session.tsx";
import { ImpactPreview, isImpact } from "./impact-preview.tsx";

export type DeleteTarget =
  | { kind: "one"; mappingId: string; channelSku: string }
  | { kind: "selected"; mappingIds: string[] }
  | { kind: "all" };

const confirmWord = "delete-all";

export function DeleteDialog(props: {
  accountId: string;
  channelId: string;
  target: DeleteTarget;
  onClose: () => void;
  onDone: (message: string, result: unknown) => Promise<void>;
}) {
  const { target } = props;
  const base = `${accountPath(props.accountId)}/channels/${props.channelId}/mappings`;
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const openApi = useOpenApi();
  const previews =
    target.kind === "one"
      ? declaresQuery(openApi.data, "delete", mappingPath, "preview")
      : target.kind === "selected"
        ? declaresQuery(openApi.data, "post", `${mappingsPath}/delete`, "preview")
        : declaresQuery(openApi.data, "delete", mappingsPath, "preview");
  const run = (preview: boolean) => {
    const p = preview ? "?preview=true" : "";
    if (target.kind === "one") return api.delete<unknown>(`${base}/${target.mappingId}${p}`);
    if (target.kind === "selected")
      return api.post<unknown>(`${base}/delete${p}`, { mappingIds: target.mappingIds });
    // The preview of "delete all" goes without the confirmation, so a server that ignored
    // `preview` would refuse instead of deleting.
    return api.delete<unknown>(preview ? `${base}${p}` : `${base}?confirm=${confirmWord}`);
  };
  const impact = useQuery({
    queryKey: ["delete-preview", props.channelId, target],
    enabled: previews,
    queryFn: async () => {
      try {
        const result = await run(true);
        return isImpact(result) ? result : null;
      } catch (e) {
        if (e instanceof ApiError && (e.missingRoute || e.status === 400)) return null;
        throw e;
      }
    },
    gcTime: 0,
  });

  const what =
    target.kind === "one"
      ? `the mapping of ${target.channelSku}`
      : target.kind === "selected"
        ? `${target.mappingIds.length} selected mappings`
        : "ALL mappings of this channel";

  const confirm = async () => {
    setBusy(true);
    try {
      const result = await run(false);
      await props.onDone(`Deleted ${what}.`, result);
      props.onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={target.kind === "all" ? "Delete all mappings" : "Delete mappings"}
    >
      <Stack>
        <Text>Delete {what}? The listings become unmapped; you can undo this afterwards.</Text>
        {previews && impact.isPending && <Loader size="sm" aria-label="Loading impact preview" />}
        {impact.data && <ImpactPreview impact={impact.data} />}
        {impact.error && <Alert color="red">{errorMessage(impact.error)}</Alert>}
        {error && <Alert color="red">{error}</Alert>}
        {target.kind === "all" && (
          <TextInput
            label={`Type ${confirmWord} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={busy}
            disabled={target.kind === "all" && typed !== confirmWord}
            onClick={confirm}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
