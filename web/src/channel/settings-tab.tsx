// A channel's settings: admins edit or delete it; others see the values.
import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, errorMessage } from "../api.ts";
import { useNotify } from "../components/notices.tsx";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Channel } from "../types.ts";
import { ChannelForm } from "./channel-form.tsx";

export function SettingsTab({ channel }: { channel: Channel }) {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "admin");
  const queryClient = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const path = `${accountPath(accountId)}/channels/${channel.id}`;

  return (
    <Stack maw={720}>
      <ChannelForm
        key={channel.id}
        initial={channel}
        readOnly={!canEdit}
        submitLabel="Save settings"
        onSubmit={async (input) => {
          await api.patch(path, input);
          notify({ message: "Channel settings saved." });
          await queryClient.invalidateQueries({ queryKey: ["channel", accountId, channel.id] });
          await queryClient.invalidateQueries({ queryKey: ["channels", accountId] });
        }}
      />
      {canEdit && (
        <Paper withBorder p="md">
          <Title order={3} size="h5">
            Delete channel
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Deletes the channel with its listings and mappings.
          </Text>
          <Button color="red" variant="light" onClick={() => setDeleting(true)}>
            Delete channel
          </Button>
        </Paper>
      )}
      <Modal opened={deleting} onClose={() => setDeleting(false)} title="Delete channel">
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput
            label={`Type the channel name (${channel.name}) to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={typed !== channel.name}
              onClick={async () => {
                try {
                  await api.delete(path);
                  await queryClient.invalidateQueries({ queryKey: ["channels", accountId] });
                  notify({ message: `Channel ${channel.name} deleted.` });
                  await navigate(`/a/${accountId}/channels`);
                } catch (e) {
                  setError(errorMessage(e));
                }
              }}
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
