// Support for the console's browser tests: a real server on a throwaway SQLite database serving
// web/dist, Debian's Chromium through playwright-core, a page watcher that records every console
// error and page error, and screenshots under test-artifacts/screenshots/.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { buildServer } from "../../src/http/server.ts";
import type { App } from "../../src/http/types.ts";
import { consoleIsStale } from "../../web/build-if-stale.mjs";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

export const screenshotDir = join(process.cwd(), "test-artifacts", "screenshots");

export type ConsoleServer = { app: App; database: TestDatabase; url: string; close: () => Promise<void> };

export async function startConsoleServer(): Promise<ConsoleServer> {
  if (consoleIsStale())
    throw new Error("web/dist is missing or older than web/src; the global setup builds it");
  const database = await createTestDatabase("sqlite");
  const { app } = await buildServer({ db: database.db });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    app,
    database,
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs });
}

export type WatchedPage = { page: Page; context: BrowserContext; problems: string[] };

/**
 * A page whose console errors and uncaught errors are collected in `problems`. Chromium logs
 * every 4xx answer as "Failed to load resource"; those are API answers the console shows to the
 * user (401 before sign-in, a refused form), so they are not problems. Every other error is.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true });
  // Short waits: a screen that does not show up within seconds is a failure, not slowness.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return { page, context, problems };
}

/**
 * A second person's page: signed in as `user` in a browser context of its own, on their
 * dashboard (`dashboard`: the heading it waits for). Close its context when done.
 */
export async function signInAs(
  browser: Browser,
  baseURL: string,
  user: { email: string; password: string },
  dashboard: string,
): Promise<WatchedPage> {
  const other = await openPage(browser, baseURL);
  const page = other.page;
  await page.goto("/");
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("textbox", { name: "Password" }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: dashboard }).waitFor();
  return other;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

export type ConsoleSession = { server: ConsoleServer; browser: Browser; main: WatchedPage; page: Page };

/**
 * A test file's console: a server on a throwaway database, Chromium and one watched page, started
 * before the file's tests and stopped after them (the object is filled in by then), with `env`
 * set meanwhile. After each test the page must have logged no problem; a failed test leaves a
 * screenshot named after it.
 */
export function useConsole(screenshotPrefix: string, env: Record<string, string> = {}): ConsoleSession {
  const session = {} as ConsoleSession;
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  beforeAll(async () => {
    Object.assign(process.env, env);
    session.server = await startConsoleServer();
    session.browser = await launchBrowser();
    session.main = await openPage(session.browser, session.server.url);
    session.page = session.main.page;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === "fail")
      await screenshot(session.page, `${screenshotPrefix}${context.task.name.replace(/\W+/g, "-")}`);
    expect(session.main.problems.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return session;
}

/** Creates the owner and the first account through the first-start form; answers the account id. */
export async function createOwner(
  page: Page,
  owner: { email: string; password: string; accountName: string },
): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByRole("textbox", { name: "Password" }).fill(owner.password);
  await page.getByLabel("Account name").fill(owner.accountName);
  await page.getByRole("button", { name: "Create the owner" }).click();
  await page.getByRole("heading", { name: `Dashboard: ${owner.accountName}` }).waitFor();
  const accountId = new URL(page.url()).pathname.split("/")[2] ?? "";
  expect(accountId).not.toBe("");
  return accountId;
}
