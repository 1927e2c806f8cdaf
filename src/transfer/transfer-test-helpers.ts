/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Helpers the bulk-file tests share: multipart uploads through the API and reading CSV answers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { type Client, createTestApp, type TestApp } from "../../test/support/test-app.ts";
import type { DialectName } from "../db/dialect.ts";
import type { RowSource } from "./csv-source.ts";

export function multipart(
  file: { name: string; content: string | Buffer },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----crosswalk${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(typeof file.content === "string" ? Buffer.from(file.content) : file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  client: Client,
  url: string,
  file: { name: string; content: string | Buffer },
  fields: Record<string, string> = {},
  extraHeaders: Record<string, string> = {},
) {
  const { payload, headers } = multipart(file, fields);
  return client.post(url, payload as unknown as string, { ...headers, ...extraHeaders });
}

export async function makeVariants(
  t: TestApp,
  skus: string[],
  client = t.as.editor,
  accountId = t.accountId,
) {
  const response = await client.post(`/api/v1/accounts/${accountId}/products`, {
    name: `Product ${skus[0]}`,
    variants: skus.map((sku) => ({ sku })),
  });
  expect(response.status, response.text).toBe(201);
  return Object.fromEntries(response.body.variants.map((v: any) => [v.sku, v.id])) as Record<string, string>;
}

export async function makeChannel(t: TestApp): Promise<string> {
  const response = await t.as.admin.post(`/api/v1/accounts/${t.accountId}/channels`, {
    name: `Shop ${Math.random().toString(36).slice(2, 7)}`,
    kind: "sales",
    platform: "generic",
  });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

export function csvLines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

/** The mapping-file tests' app: uploads in a directory of their own, variants in two accounts. */
export type MappingFileApp = {
  t: TestApp;
  channelId: string;
  /** the current channel's .../mappings URL */
  base: string;
  /** a new channel to import into (channelId and base then name it), with the app */
  freshChannel: () => Promise<{ t: TestApp; channelId: string; base: string }>;
  /** how many mappings the current channel has */
  mappedCount: () => Promise<number>;
};

/** For a describe block: the app its tests share, made before them and closed after them. */
export function useMappingFileApp(dialect: DialectName): MappingFileApp {
  let uploads = "";
  const app = {
    channelId: "",
    base: "",
    freshChannel: async () => {
      app.channelId = await makeChannel(app.t);
      app.base = `/api/v1/accounts/${app.t.accountId}/channels/${app.channelId}/mappings`;
      return { t: app.t, channelId: app.channelId, base: app.base };
    },
    mappedCount: async () => {
      const response = await app.t.as.viewer.get(`${app.base}?limit=500`);
      expect(response.status, response.text).toBe(200);
      return response.body.items.length as number;
    },
  } as MappingFileApp;
  beforeAll(async () => {
    uploads = mkdtempSync(join(tmpdir(), "crosswalk-uploads-"));
    process.env.CROSSWALK_UPLOADS = uploads;
    app.t = await createTestApp(dialect);
    await makeVariants(app.t, ["ISKU-1", "ISKU-2", "ISKU-3", "=FORMULA"]);
    await makeVariants(app.t, ["FOREIGN-1"], app.t.other, app.t.otherAccountId);
  });
  afterAll(async () => {
    await app.t.close();
    rmSync(uploads, { recursive: true, force: true });
  });
  return app;
}

/** Every row of a source as an object keyed by the header. */
export async function collectRows(source: RowSource): Promise<Array<Record<string, string>>> {
  const out: Array<Record<string, string>> = [];
  for await (const { values } of source.rows) {
    out.push(Object.fromEntries(source.header.map((h, i) => [h, values[i] ?? ""])));
  }
  return out;
}
