// Changing one's own password (PUT /me/password). A first password an admin gave is known to them
// until it is changed here. The server ends every session of the user, this one too, so the
// dialog then signs out and the sign-in form asks for the new password.
import { Alert, Button, Group, Modal, PasswordInput, Stack } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "./field-errors.ts";

export function PasswordDialog({
  onClose,
  onChanged,
}: {
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.put("/me/password", { currentPassword, newPassword });
      await onChanged();
    } catch (error) {
      setErrors(toFormErrors(error, (f) => f === "currentPassword" || f === "newPassword"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Change your password">
      <Stack component="form" onSubmit={save}>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.fields.currentPassword}
        />
        <PasswordInput
          label="New password"
          description="at least 8 characters; you sign in again with it"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={errors.fields.newPassword}
        />
        {errors.alert && <Alert color="red">{errors.alert}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Change password
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
