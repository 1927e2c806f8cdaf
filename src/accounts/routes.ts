// HTTP routes for accounts and members.
import { z } from "zod";
import { callerRole } from "../http/auth.ts";
import type { App } from "../http/types.ts";
import {
  addMember,
  changeMemberRole,
  createAccount,
  deleteAccount,
  getAccount,
  listAccountsOfUser,
  listMembers,
  removeMember,
  renameAccount,
} from "./accounts.ts";
import {
  AccountParams,
  AccountResponse,
  AddMemberBody,
  ChangeMemberBody,
  CreateAccountBody,
  MemberParams,
  MemberResponse,
  UpdateAccountBody,
} from "./schemas.ts";

const tags = ["accounts"];

export function registerAccountRoutes(app: App) {
  app.post(
    "/api/v1/accounts",
    {
      schema: {
        tags,
        summary: "Create an account; the caller becomes its owner",
        body: CreateAccountBody,
        response: { 201: AccountResponse },
      },
    },
    async (request, reply) => {
      const account = await createAccount(app.db, {
        name: request.body.name,
        ownerUserId: request.caller.userId,
      });
      return reply.status(201).send(account);
    },
  );

  app.get(
    "/api/v1/accounts",
    {
      schema: {
        tags,
        summary: "Accounts the caller is a member of",
        response: { 200: z.object({ items: z.array(AccountResponse) }) },
      },
    },
    async (request) => ({ items: await listAccountsOfUser(app.db, request.caller.userId) }),
  );

  app.get(
    "/api/v1/accounts/:accountId",
    {
      config: { minRole: "viewer" },
      schema: { tags, summary: "One account", params: AccountParams, response: { 200: AccountResponse } },
    },
    async (request) => ({
      ...(await getAccount(app.db, request.params.accountId)),
      role: request.caller.role,
    }),
  );

  app.patch(
    "/api/v1/accounts/:accountId",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Rename an account",
        params: AccountParams,
        body: UpdateAccountBody,
        response: { 200: AccountResponse },
      },
    },
    async (request) =>
      renameAccount(app.db, { accountId: request.params.accountId, name: request.body.name }),
  );

  app.delete(
    "/api/v1/accounts/:accountId",
    {
      config: { minRole: "owner" },
      schema: { tags, summary: "Delete an account and all its data", params: AccountParams },
    },
    async (request, reply) => {
      await deleteAccount(app.db, request.params.accountId);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/accounts/:accountId/members",
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Members and their roles",
        params: AccountParams,
        response: { 200: z.object({ items: z.array(MemberResponse) }) },
      },
    },
    async (request) => ({ items: await listMembers(app.db, request.params.accountId) }),
  );

  app.post(
    "/api/v1/accounts/:accountId/members",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Add a member by email",
        params: AccountParams,
        body: AddMemberBody,
        response: { 201: MemberResponse },
      },
    },
    async (request, reply) => {
      const member = await addMember(app.db, {
        accountId: request.params.accountId,
        byRole: callerRole(request),
        ...request.body,
      });
      return reply.status(201).send(member);
    },
  );

  app.patch(
    "/api/v1/accounts/:accountId/members/:userId",
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Change a member's role",
        params: MemberParams,
        body: ChangeMemberBody,
        response: { 200: MemberResponse },
      },
    },
    async (request) =>
      changeMemberRole(app.db, { ...request.params, byRole: callerRole(request), role: request.body.role }),
  );

  app.delete(
    "/api/v1/accounts/:accountId/members/:userId",
    { config: { minRole: "admin" }, schema: { tags, summary: "Remove a member", params: MemberParams } },
    async (request, reply) => {
      await removeMember(app.db, { ...request.params, byRole: callerRole(request) });
      return reply.status(204).send();
    },
  );
}
