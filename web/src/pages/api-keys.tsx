// The signed-in user's API keys; a new key is shown once, in a dialog.
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { useNotify } from "../components/notices.tsx";
import type { ApiKey } from "../types.ts";

export function ApiKeysPage() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => api.get<{ items: ApiKey[] }>("/api-keys") });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-keys"] });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api-keys/${id}`),
    onSuccess: async () => {
      notify({ message: "API key revoked." });
      await refresh();
    },
    onError: (e) => notify({ message: errorMessage(e), color: "red" }),
  });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const key = await api.post<ApiKey & { key: string }>("/api-keys", name ? { name } : {});
      setCreated(key);
      setName("");
      setError(null);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Stack>
      <Title order={2}>API keys</Title>
      <Text size="sm" c="dimmed">
        Scripts use a key as <Code>Authorization: Bearer KEY</Code>. A key acts as you, in every account you
        belong to.
      </Text>
      <Group align="flex-end" component="form" onSubmit={create}>
        <TextInput label="Key name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit">Create key</Button>
      </Group>
      {(error || keys.error) && <Alert color="red">{error ?? errorMessage(keys.error)}</Alert>}
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Prefix</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data?.items.map((key) => (
              <Table.Tr key={key.id}>
                <Table.Td>{key.name}</Table.Td>
                <Table.Td>
                  <Code>{key.prefix}</Code>
                </Table.Td>
                <Table.Td>{new Date(key.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString() : "never"}</Table.Td>
                <Table.Td>
                  <Button size="xs" color="red" variant="light" onClick={() => revoke.mutate(key.id)}>
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={created !== null} onClose={() => setCreated(null)} title="Your new API key">
        <Stack>
          <Text size="sm">Copy it now: it is shown only this once.</Text>
          <Code block data-testid="new-api-key">
            {created?.key}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created?.key ?? ""}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? "Copied" : "Copy"}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setCreated(null)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
