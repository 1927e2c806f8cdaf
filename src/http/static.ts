// Serves the built web console (web/dist) at `/`: files as they are, and index.html for every
// other non-API path so the console's own routes survive a reload. Skipped when not built.
import { existsSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import { AppError } from "../shared/errors.ts";
import type { App } from "./types.ts";

export const consoleDir = fileURLToPath(new URL("../../web/dist/", import.meta.url));

function isFileIn(root: string, relative: string): boolean {
  const full = normalize(join(root, relative));
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

/** Registers the console routes when `root` holds a build; answers whether it did. */
export async function registerConsole(app: App, root: string = consoleDir): Promise<boolean> {
  if (!existsSync(join(root, "index.html"))) return false;
  await app.register(fastifyStatic, { root, serve: false });
  app.get("/*", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (path === "/api" || path.startsWith("/api/"))
      throw new AppError("NOT_FOUND", `No route ${request.method} ${path}.`);
    const relative = decodeURIComponent(path).replace(/^\/+/, "");
    if (relative !== "" && isFileIn(root, relative)) {
      // Vite puts a content hash in every asset name, so assets never change under their name.
      const immutable = relative.startsWith("assets/");
      return reply.sendFile(relative, {
        maxAge: immutable ? "365d" : 0,
        immutable,
      });
    }
    // The page names the current asset hashes, so browsers must revalidate it.
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html", { cacheControl: false });
  });
  return true;
}
