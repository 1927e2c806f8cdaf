// The page of the two forms a signed-out visitor sees (sign in; first start's owner set-up): a
// title, email and password, any further text fields, and one button. Posts the values to `path`;
// on success the session is refetched, which shows the console. Errors land on their fields.
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "./field-errors.ts";

type ExtraField = { name: string; label: string; description: string };

export function CredentialsForm(props: {
  title: string;
  intro?: string;
  path: string;
  /** "current-password" to sign in, "new-password" for a new user */
  passwordAutoComplete: "current-password" | "new-password";
  extraFields?: ExtraField[];
  submitLabel: string;
}) {
  const extraFields = props.extraFields ?? [];
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const fields = new Set(["email", "password", ...extraFields.map((f) => f.name)]);
  const valueNamed = (name: string) => values[name] ?? "";
  const field = (name: string) => ({
    required: true,
    value: valueNamed(name),
    onChange: (e: { currentTarget: { value: string } }) => {
      const { value } = e.currentTarget;
      setValues((current) => ({ ...current, [name]: value }));
    },
    error: errors.fields[name],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post(props.path, Object.fromEntries([...fields].map((name) => [name, valueNamed(name)])));
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
            {props.title}
          </Title>
          {props.intro && (
            <Text c="dimmed" size="sm">
              {props.intro}
            </Text>
          )}
          {errors.alert && <Alert color="red">{errors.alert}</Alert>}
          <TextInput label="Email" type="email" autoComplete="username" {...field("email")} />
          <PasswordInput label="Password" autoComplete={props.passwordAutoComplete} {...field("password")} />
          {extraFields.map((f) => (
            <TextInput key={f.name} label={f.label} description={f.description} {...field(f.name)} />
          ))}
          <Button type="submit" loading={busy}>
            {props.submitLabel}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
