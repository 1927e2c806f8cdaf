// Who made a change, in words: the history records user ids; the signed-in user reads "you",
// members their email (the members list is readable by every role), anyone else a short id.
import { useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import { accountPath, useMe } from "../session.tsx";
import type { Member } from "../types.ts";

export function useActorName(accountId: string): (userId: string | null) => string {
  const me = useMe();
  // the same query as the Members page, so the list is shared and usually already loaded
  const members = useQuery({
    queryKey: ["members", accountId],
    queryFn: () => api.get<{ items: Member[] }>(`${accountPath(accountId)}/members`),
  });
  const emails = new Map((members.data?.items ?? []).map((m) => [m.userId, m.email]));
  return (userId) => {
    // no user: a scheduled job or the command line made the change
    if (userId === null) return "system";
    if (userId === me.data?.userId) return "you";
    // a former member: the id's random tail tells people apart
    return emails.get(userId) ?? `user …${userId.slice(-8)}`;
  };
}
