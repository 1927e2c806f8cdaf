// The frame around every account screen: header with account switcher and sign-out, and the
// navigation, which collapses behind a burger on narrow screens. On a phone the header drops the
// role from the account picker and lets the picker shrink, so "Sign out" always fits.
import { AppShell, Burger, Button, Group, NativeSelect, NavLink, Text, Title } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { api } from "../api.ts";
import { useAccount, useMe } from "../session.tsx";
import { PasswordDialog } from "./password-dialog.tsx";

const sections = [
  { to: "", label: "Dashboard" },
  { to: "channels", label: "Channels" },
  { to: "products", label: "Products" },
  { to: "history", label: "History" },
  { to: "members", label: "Members" },
  { to: "api-keys", label: "API keys" },
  { to: "settings", label: "Settings" },
];

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const me = useMe();
  const { accountId, account } = useAccount();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const wide = useMediaQuery("(min-width: 48em)"); // Mantine's "sm", where the navbar shows
  const accounts = me.data?.accounts ?? [];
  const [changingPassword, setChangingPassword] = useState(false);
  if (!account) return <Navigate to="/" replace />;

  const base = `/a/${accountId}`;
  const signOut = async () => {
    await api.post("/auth/logout");
    await navigate("/", { replace: true });
    // Forget every answer of the signed-in user; /me then answers 401 and the sign-in form shows.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" && q.queryKey[0] !== "setup" });
    await queryClient.resetQueries({ queryKey: ["me"] });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3">
              Crosswalk
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <NativeSelect
              aria-label="Account"
              value={accountId}
              data={accounts.map((a) => ({
                value: a.id,
                label: wide ? `${a.name} (${a.role ?? "member"})` : a.name,
              }))}
              onChange={(e) => navigate(`/a/${e.currentTarget.value}`)}
              maw={260}
              miw={0}
              style={{ flexShrink: 1 }}
            />
            <Text size="sm" c="dimmed" visibleFrom="md">
              {me.data?.email}
            </Text>
            <Button
              variant="subtle"
              size="xs"
              px="xs"
              onClick={() => setChangingPassword(true)}
              style={{ flexShrink: 0 }}
              visibleFrom="sm"
            >
              Password
            </Button>
            <Button variant="default" size="xs" px="xs" onClick={signOut} style={{ flexShrink: 0 }}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {changingPassword && (
        <PasswordDialog
          onClose={() => setChangingPassword(false)}
          onChanged={async () => {
            setChangingPassword(false);
            // the server ended this session with the others
            await signOut();
          }}
        />
      )}
      <AppShell.Navbar p="sm" component="nav" aria-label="Main">
        {sections.map((section) => {
          const to = section.to ? `${base}/${section.to}` : base;
          const active = section.to ? location.pathname.startsWith(to) : location.pathname === base;
          return (
            <NavLink
              key={section.label}
              component={Link}
              to={to}
              label={section.label}
              active={active}
              onClick={close}
              aria-current={active ? "page" : undefined}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
