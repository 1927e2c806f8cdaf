// Request and response schemas of the accounts area (accounts, members, API keys, sign-in).
import { z } from "zod";
import { Role } from "./roles.ts";
import { Email, Password } from "./users.ts";

export const AccountParams = z.object({ accountId: z.string().min(1) });
export const MemberParams = AccountParams.extend({ userId: z.string().min(1) });

export const CreateAccountBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;
export const UpdateAccountBody = CreateAccountBody;

export const AccountResponse = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  role: Role.optional(),
});

export const AddMemberBody = z
  .object({
    email: z.string(),
    role: Role,
    password: z
      .string()
      .optional()
      .describe(
        "a new user's first password (at least 8 characters), to pass on to them; refused for a user who has one",
      ),
  })
  .strict();
export type AddMemberBody = z.infer<typeof AddMemberBody>;
export const ChangeMemberBody = z.object({ role: Role }).strict();

export const MemberResponse = z.object({
  userId: z.string(),
  email: z.string(),
  role: Role,
  createdAt: z.string(),
  canSignIn: z.boolean().describe("false: added without a password; cannot sign in until one is set"),
});

export const SignInBody = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export const SetupBody = z
  .object({ email: Email, password: Password, accountName: z.string().trim().min(1).max(200) })
  .strict();

export const CreateApiKeyBody = z.object({ name: z.string().trim().min(1).max(100).optional() }).strict();
export const ApiKeyResponse = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ApiKeyParams = z.object({ keyId: z.string().min(1) });
