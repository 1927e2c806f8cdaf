#!/usr/bin/env node
// Builds the web console into web/dist unless the build is newer than every source it is made
// from, so `npm start` builds on a fresh clone and restarts stay fast. `--force` always builds.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const webDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(webDir);
const builtFile = join(webDir, "dist", "index.html");

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function consoleIsStale() {
  if (!existsSync(builtFile)) return true;
  const sources = [
    join(webDir, "src"),
    join(webDir, "index.html"),
    join(webDir, "vite.config.ts"),
    join(rootDir, "package-lock.json"),
  ];
  const built = statSync(builtFile).mtimeMs;
  return sources.some((source) => newestMtime(source) > built);
}

export function buildConsole() {
  const vite = join(rootDir, "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", join(webDir, "vite.config.ts"), "--logLevel", "warn"], {
    cwd: rootDir,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

export function buildConsoleIfStale({ force = false } = {}) {
  if (!force && !consoleIsStale()) return false;
  buildConsole();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes("--force");
  if (buildConsoleIfStale({ force })) process.stdout.write("Web console built into web/dist\n");
}
