// Imports being applied in this process, with how far they are: an apply runs in one transaction,
// so nothing of its progress is in the database until it commits. An import status answer shows
// "applying" and these rows while it runs, and "failed" with the reason when it failed (kept for
// a while after). Another process (PostgreSQL, several API processes) shows the stored status.
export type RunningImport = {
  status: "applying" | "failed";
  rowsDone: number;
  rowsTotal: number;
  /** once the file is read and checked: how many changes the apply is writing */
  writingChanges: number | null;
  /** waiting for another writer of the same channel (or the account's catalog, stock) to commit */
  waiting: boolean;
  error: { code: string; message: string } | null;
};

/** What an apply tells its caller as it goes: the import status while it runs, the CLI's progress. */
export type ApplyProgress = {
  /** another writer holds the lock the apply needs: it waits for that one to commit (PostgreSQL) */
  onWait?: (() => void) | undefined;
  onRow?: ((rowsRead: number) => void) | undefined;
  /** the file is read and checked, the writes begin: as many changes as the preview counted */
  onWrite?: ((changes: number) => void) | undefined;
};

/** How a stored (previewed) import of the account's files is applied (catalog, stock). */
export type StoredImportApply = {
  accountId: string;
  importId: string;
  validRowsOnly: boolean;
  dryRun: boolean;
} & ApplyProgress;

const running = new Map<string, RunningImport>();
const keepFailedMs = 60 * 60 * 1000;

/** Starts tracking an apply; answers its progress callbacks and the end of it. */
export function trackImport(importId: string, rowsTotal: number) {
  const state: RunningImport = {
    status: "applying",
    rowsDone: 0,
    rowsTotal,
    writingChanges: null,
    waiting: false,
    error: null,
  };
  running.set(importId, state);
  return {
    onWait: () => {
      state.waiting = true;
    },
    onRow: (rows: number) => {
      state.waiting = false;
      state.rowsDone = rows;
    },
    onWrite: (changes: number) => {
      state.waiting = false;
      state.writingChanges = changes;
    },
    finished: () => {
      running.delete(importId);
    },
    failed: (error: { code?: string; message: string }) => {
      state.status = "failed";
      state.error = { code: error.code ?? "INTERNAL", message: error.message };
      setTimeout(() => running.delete(importId), keepFailedMs).unref();
    },
  };
}

export function runningImport(importId: string): RunningImport | undefined {
  return running.get(importId);
}

/**
 * Starts applying a stored import in the background (an API call with async=true), tracked here
 * so that its status answers show the progress; answers at once. An import already applied, or
 * being applied in this process, is not started again.
 */
export function startImportApply(
  stored: { id: string; status: string; rowsTotal: number },
  apply: (progress: {
    onWait: () => void;
    onRow: (rows: number) => void;
    onWrite: (changes: number) => void;
  }) => Promise<unknown>,
  onFailure: (error: Error) => void,
): void {
  if (stored.status === "applied" || runningImport(stored.id)?.status === "applying") return;
  const progress = trackImport(stored.id, stored.rowsTotal);
  apply(progress).then(progress.finished, (error: Error & { code?: string }) => {
    onFailure(error);
    progress.failed(error);
  });
}
