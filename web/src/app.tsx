// Top-level routing: setup or sign-in when nobody is signed in, else the account's screens.
import { Center, Loader } from "@mantine/core";
import { Navigate, Route, Routes } from "react-router";
import { Shell } from "./components/shell.tsx";
import { AccountSettingsPage } from "./pages/account-settings.tsx";
import { ApiKeysPage } from "./pages/api-keys.tsx";
import { ChannelPage } from "./pages/channel.tsx";
import { ChannelsPage } from "./pages/channels.tsx";
import { DashboardPage } from "./pages/dashboard.tsx";
import { HistoryPage } from "./pages/history.tsx";
import { MembersPage } from "./pages/members.tsx";
import { NoAccountPage } from "./pages/no-account.tsx";
import { ProductsPage } from "./pages/products.tsx";
import { SetupPage } from "./pages/setup.tsx";
import { SignInPage } from "./pages/sign-in.tsx";
import { useMe, useSetupState } from "./session.tsx";

export function App() {
  const me = useMe();
  const setup = useSetupState();
  if (me.isPending || (me.data === null && setup.isPending)) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me.data) return setup.data?.needsOwner ? <SetupPage /> : <SignInPage />;
  const first = me.data.accounts[0];
  return (
    <Routes>
      <Route path="/" element={first ? <Navigate to={`/a/${first.id}`} replace /> : <NoAccountPage />} />
      <Route path="/a/:accountId" element={<Shell />}>
        <Route index element={<DashboardPage />} />
        <Route path="channels" element={<ChannelsPage />} />
        <Route path="channels/:channelId" element={<ChannelPage />} />
        <Route path="channels/:channelId/:tab" element={<ChannelPage />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="history" element={<HistoryPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="settings" element={<AccountSettingsPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
