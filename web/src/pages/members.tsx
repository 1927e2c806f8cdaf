// Members of the account and their roles; admins add, change and remove members.
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { useNotify } from "../components/notices.tsx";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Member, type Role } from "../types.ts";

const roles: Role[] = ["viewer", "editor", "admin", "owner"];

export function MembersPage() {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "admin");
  const queryClient = useQueryClient();
  const notify = useNotify();
  const path = `${accountPath(accountId)}/members`;
  const members = useQuery({
    queryKey: ["members", accountId],
    queryFn: () => api.get<{ items: Member[] }>(path),
  });
  const [email, setEmail] = useState("");
  // a new user's first password, which the admin passes on; without one they cannot sign in
  const [password, setPassword] = useState("");
  const [newRole, setNewRole] = useState<Role>("editor");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  // Removing takes the member's access away at once, so it is confirmed first.
  const [removing, setRemoving] = useState<Member | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["members", accountId] });

  const change = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch(`${path}/${userId}`, { role }),
    onSuccess: refresh,
    onError: (e) => notify({ message: errorMessage(e), color: "red" }),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.delete(`${path}/${userId}`),
    onSuccess: refresh,
    onError: (e) => notify({ message: errorMessage(e), color: "red" }),
    onSettled: () => setRemoving(null),
  });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const added = await api.post<Member>(path, {
        email,
        role: newRole,
        ...(password === "" ? {} : { password }),
      });
      setEmail("");
      setPassword("");
      setErrors(noErrors);
      notify({
        message: added.canSignIn
          ? `${email} added as ${newRole}.`
          : `${email} added as ${newRole}; they cannot sign in until they have a password (crosswalk user set-password gives them one).`,
      });
      await refresh();
    } catch (error) {
      setErrors(toFormErrors(error, (f) => f === "email" || f === "role" || f === "password"));
    }
  };

  return (
    <Stack>
      <Title order={2}>Members</Title>
      {members.error && <Alert color="red">{errorMessage(members.error)}</Alert>}
      {canEdit && (
        <Paper withBorder p="md" component="form" onSubmit={add}>
          <Group align="flex-end">
            <TextInput
              label="Email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.fields.email}
            />
            <TextInput
              label="First password (new user)"
              description="at least 8 characters; pass it on to them"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.fields.password}
            />
            <NativeSelect
              label="Role"
              data={roles}
              value={newRole}
              onChange={(e) => setNewRole(e.currentTarget.value as Role)}
              error={errors.fields.role}
            />
            <Button type="submit">Add member</Button>
          </Group>
          {errors.alert && (
            <Alert color="red" mt="sm">
              {errors.alert}
            </Alert>
          )}
        </Paper>
      )}
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              {canEdit && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data?.items.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  {member.email}
                  {!member.canSignIn && (
                    <Badge ml="xs" size="sm" color="gray" variant="light">
                      cannot sign in yet
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {canEdit ? (
                    <NativeSelect
                      aria-label={`Role of ${member.email}`}
                      data={roles}
                      value={member.role}
                      onChange={(e) =>
                        change.mutate({ userId: member.userId, role: e.currentTarget.value as Role })
                      }
                    />
                  ) : (
                    member.role
                  )}
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => setRemoving(member)}
                      aria-label={`Remove ${member.email}`}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title="Remove member">
          <Stack>
            <Text>
              Remove {removing.email} from this account? They lose access at once; adding them again restores
              it.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Cancel
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing.userId)}>
                Remove
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
