// Sign in with email and password; the server sets the session cookie.
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";

const fields = new Set(["email", "password"]);

export function SignInPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post("/auth/login", { email, password });
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
      <Paper withBorder p="xl" w={400} maw="100%" component="form" onSubmit={submit}>
        <Stack>
          <Title order={1} size="h2">
            Sign in to Crosswalk
          </Title>
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
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.fields.password}
          />
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
