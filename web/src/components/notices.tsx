// A small notification stack (bottom right) with an optional action button such as "Undo".
import { Button, Notification, Stack } from "@mantine/core";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

export type Notice = {
  id: number;
  message: string;
  color?: string;
  action?: { label: string; onClick: () => Promise<void> | void };
};

type Notify = (notice: Omit<Notice, "id">) => void;

const NoticeContext = createContext<Notify>(() => undefined);

export function useNotify(): Notify {
  return useContext(NoticeContext);
}

let nextId = 1;

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const close = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback<Notify>(
    (notice) => {
      const id = nextId++;
      setNotices((all) => [...all.slice(-3), { ...notice, id }]);
      // Notices with an action (Undo) stay longer, so there is time to use them.
      setTimeout(() => close(id), notice.action ? 30_000 : 6000);
    },
    [close],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <Stack
        gap="xs"
        role="status"
        aria-live="polite"
        style={{ position: "fixed", right: 16, bottom: 16, zIndex: 1000, maxWidth: "min(420px, 92vw)" }}
      >
        {notices.map((notice) => (
          <Notification
            key={notice.id}
            color={notice.color ?? "teal"}
            onClose={() => close(notice.id)}
            closeButtonProps={{ "aria-label": "Close notification" }}
            withBorder
          >
            {notice.message}
            {notice.action && (
              <Button
                ml="sm"
                size="compact-sm"
                variant="light"
                onClick={async () => {
                  close(notice.id);
                  await notice.action?.onClick();
                }}
              >
                {notice.action.label}
              </Button>
            )}
          </Notification>
        ))}
      </Stack>
    </NoticeContext.Provider>
  );
}
