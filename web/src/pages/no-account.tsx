// A signed-in user who belongs to no account yet can create one.
import { Alert, Button, Center, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorMessage } from "../api.ts";

export function NoAccountPage() {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.post("/accounts", { name });
      await queryClient.invalidateQueries({ queryKey: ["me"] });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={420} maw="100%" component="form" onSubmit={submit}>
        <Stack>
          <Title order={1} size="h2">
            No account yet
          </Title>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput
            label="Account name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button type="submit">Create account</Button>
          <Button
            variant="subtle"
            onClick={async () => {
              await api.post("/auth/logout");
              await queryClient.invalidateQueries();
            }}
          >
            Sign out
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
