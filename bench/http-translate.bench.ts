// HTTP order translation: one 5-line order per request, 50 connections on loopback, through the
// real server (auth hook, validation, version check, translation, serialization) on SQLite,
// versus a Fastify hello-world measured in the same run. Target: >= 25% of its requests/s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error autocannon ships no type declarations
import autocannon from "autocannon";
import Fastify from "fastify";
import { createAccount } from "../src/accounts/accounts.ts";
import { createApiKey } from "../src/accounts/credentials.ts";
import { createUser } from "../src/accounts/users.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { buildServer } from "../src/http/server.ts";

type Result = { requests: { average: number }; non2xx: number; errors: number; latency: { p99: number } };

const duration = Number(process.env.BENCH_SECONDS ?? 10);

function load(options: { url: string; method?: string; headers?: Record<string, string>; body?: string }) {
  // The load generator runs in worker threads so it does not share the servers' event loop.
  return autocannon({ connections: 50, duration, pipelining: 1, workers: 2, ...options }) as Promise<Result>;
}

const dir = mkdtempSync(join(tmpdir(), "crosswalk-bench-http-"));
const handle = openDatabase({ sqlitePath: join(dir, "bench.db") });
try {
  await migrateToLatest(handle.db);
  const { app } = await buildServer({ db: handle.db });
  const user = await createUser(handle.db, { email: "bench@example.com", password: "correct horse" });
  const account = await createAccount(handle.db, { name: "Bench", ownerUserId: user.id });
  const { key } = await createApiKey(handle.db, { userId: user.id });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const call = async (method: "POST" | "GET", url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload ? { payload: payload as string } : {}),
    });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const base = `/api/v1/accounts/${account.id}`;
  const channel = await call("POST", `${base}/channels`, {
    name: "Shop",
    kind: "sales",
    platform: "generic",
  });
  const skus = Array.from({ length: 30 }, (_, i) => `HB-${i}`);
  await call("POST", `${base}/products`, { name: "Bench product", variants: skus.map((sku) => ({ sku })) });
  for (let i = 0; i < 200; i++) {
    const components =
      i % 3 === 0
        ? [0, 1, 2].map((k) => ({ sku: skus[(i + k * 7) % skus.length], quantity: k + 1 }))
        : [{ sku: skus[i % skus.length], quantity: 1 }];
    await call("POST", `${base}/channels/${channel.id}/mappings`, { channelSku: `CH-${i}`, components });
  }
  const body = JSON.stringify({
    lines: [0, 1, 3, 4, 6].map((i) => ({ channelSku: `CH-${i}`, quantity: 1 + (i % 2), ref: `line-${i}` })),
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });

  const hello = Fastify();
  hello.get("/", async () => ({ hello: "world" }));
  const helloAddress = await hello.listen({ port: 0, host: "127.0.0.1" });

  await load({ url: helloAddress, ...{ duration: 2 } });
  const baseline = await load({ url: helloAddress });
  await load({
    url: `${address}${base}/channels/${channel.id}/translate`,
    method: "POST",
    headers,
    body,
    ...{ duration: 2 },
  });
  const ours = await load({
    url: `${address}${base}/channels/${channel.id}/translate`,
    method: "POST",
    headers,
    body,
  });
  await hello.close();
  await app.close();

  if (ours.non2xx > 0 || ours.errors > 0)
    throw new Error(`translate answered ${ours.non2xx} non-2xx, ${ours.errors} errors`);
  console.log(
    `fastify hello-world:  ${baseline.requests.average.toFixed(0)} req/s (p99 ${baseline.latency.p99} ms)`,
  );
  console.log(
    `translate, 5 lines:   ${ours.requests.average.toFixed(0)} req/s (p99 ${ours.latency.p99} ms), SQLite, API key auth`,
  );
  console.log(
    `ratio to hello-world: ${((ours.requests.average / baseline.requests.average) * 100).toFixed(1)}% (target >= 25%)`,
  );
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
