// First start: create the owner and the first account (the server allows this once, locally).
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";

const fields = new Set(["email", "password", "accountName"]);

export function SetupPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [accountName, setAccountName] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post("/setup", { email, password, accountName });
      setErrors(noErrors);
      await queryClient.invalidateQueries();
    } catch (error) {
      setErrors(toFormErrors(error, (f) => fields.has(f)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={420} maw="100%" component="form" onSubmit={submit}>
        <Stack>
          <Title order={1} size="h2">
            Welcome to Crosswalk
          </Title>
          <Text c="dimmed" size="sm">
            This installation has no users yet. Create the owner and the first account; you will be signed in
            as the owner.
          </Text>
          {errors.alert && <Alert color="red">{errors.alert}</Alert>}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.fields.email}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.fields.password}
          />
          <TextInput
            label="Account name"
            description="Your business, e.g. the shop's name"
            required
            value={accountName}
            onChange={(e) => setAccountName(e.currentTarget.value)}
            error={errors.fields.accountName}
          />
          <Button type="submit" loading={busy}>
            Create the owner
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
