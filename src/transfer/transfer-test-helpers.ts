/* biome-ignore-all lint/suspicious/noExplicitAny: test responses are untyped JSON */
// Helpers the bulk-file tests share: multipart uploads through the API and reading CSV answers.
import { expect } from "vitest";
import type { Client, TestApp } from "../../test/support/test-app.ts";

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
