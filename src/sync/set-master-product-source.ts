// Choosing the master product source. Only channels that can import products qualify (disabled
// ones too: nothing syncs from them while disabled). Switching on an account that already has
// products needs confirmation, because the first sync changes the catalog: the dry run says how.
import { listProducts } from "../catalog/list-products.ts";
import { type Channel, getChannel, listChannels } from "../channels/get-channel.ts";
import type { Db } from "../db/database.ts";
import { listJobs, setJobEnabled } from "../jobs/job-store.ts";
import { recordOperation } from "../operations/record-operation.ts";
import { AppError } from "../shared/errors.ts";
import { loadStoredListings } from "./master-listings.ts";
import { getMasterProductSource, type MasterProductSource, masterSourceKey } from "./master-source.ts";
import { planMasterSync, type SyncMatch } from "./plan-master-sync.ts";
import { writeSetting } from "./settings-store.ts";
import { countPlan } from "./sync-products.ts";

export type JobChange = { jobId: string; channelId: string; kind: string; change: string };

export type MasterSwitchDryRun = {
  current: MasterProductSource;
  next: MasterProductSource;
  firstSync: {
    productsCreated: number;
    variantsCreated: number;
    variantsUpdated: number;
    productsUpdated: number;
    unchanged: number;
    /** Listings that would be duplicates if created naively, and the variant each updates instead. */
    duplicatesAvoided: SyncMatch[];
    skipped?: string;
  };
  jobChanges: JobChange[];
};

export type MasterSourceOption = { source: "internal" | "channel"; channelId?: string; label: string };

export async function listMasterSourceOptions(
  db: Db,
  options: { accountId: string },
): Promise<MasterSourceOption[]> {
  const channels = await listChannels(db, options.accountId);
  return [
    { source: "internal", label: "Crosswalk (internal)" },
    ...channels
      .filter((c) => c.canImportProducts)
      .map((c) => ({ source: "channel" as const, channelId: c.id, label: `${c.displayName} (${c.kind})` })),
  ];
}

async function resolveChannel(db: Db, accountId: string, next: MasterProductSource): Promise<Channel | null> {
  if (next.source !== "channel") return null;
  const channel = await getChannel(db, accountId, next.channelId);
  if (!channel.canImportProducts) {
    throw new AppError(
      "CHANNEL_CANNOT_IMPORT",
      `Channel "${channel.name}" cannot import products, so it cannot be the master product source.`,
      { field: "channelId", value: next.channelId },
    );
  }
  return channel;
}

async function planJobChanges(
  db: Db,
  options: { accountId: string; current: MasterProductSource; next: MasterProductSource },
): Promise<JobChange[]> {
  const jobs = await listJobs(db, { accountId: options.accountId });
  const masterOf = (s: MasterProductSource) => (s.source === "channel" ? s.channelId : null);
  const before = masterOf(options.current);
  const after = masterOf(options.next);
  if (before === after) return [];
  const changes: JobChange[] = [];
  for (const job of jobs) {
    const base = { jobId: job.id, channelId: job.channelId, kind: job.kind };
    if (job.channelId === after && job.kind === "product_push" && job.enabled) {
      changes.push({ ...base, change: "disabled: it would push the catalog back to its own master" });
    } else if (job.channelId === after && job.kind === "product_download") {
      changes.push({ ...base, change: "now updates the internal catalog" });
    } else if (job.channelId === before && job.kind === "product_download") {
      changes.push({ ...base, change: "no longer updates the internal catalog (listings only)" });
    }
  }
  return changes;
}

export async function planMasterSwitch(
  db: Db,
  options: { accountId: string; next: MasterProductSource },
): Promise<MasterSwitchDryRun> {
  const { accountId, next } = options;
  const current = await getMasterProductSource(db, { accountId });
  const channel = await resolveChannel(db, accountId, next);
  const jobChanges = await planJobChanges(db, { accountId, current, next });
  const none = {
    productsCreated: 0,
    variantsCreated: 0,
    variantsUpdated: 0,
    productsUpdated: 0,
    unchanged: 0,
  };
  if (!channel) return { current, next, firstSync: { ...none, duplicatesAvoided: [] }, jobChanges };
  const listings = await loadStoredListings(db, { accountId, channelId: channel.id });
  const plan = await planMasterSync(db, { accountId, listings });
  const { issues: _issues, ...counts } = countPlan(plan);
  return {
    current,
    next,
    firstSync: {
      ...counts,
      duplicatesAvoided: plan.matches,
      ...(!channel.enabled && { skipped: "master channel is disabled: nothing syncs until it is enabled" }),
    },
    jobChanges,
  };
}

async function accountHasProducts(db: Db, accountId: string): Promise<boolean> {
  const page = await listProducts(db, { accountId, limit: 1 });
  return page.items.length > 0;
}

export async function setMasterProductSource(
  db: Db,
  options: { accountId: string; next: MasterProductSource; confirm: boolean; actorUserId: string | null },
): Promise<{ masterProductSource: MasterProductSource; dryRun: MasterSwitchDryRun; operationId: string }> {
  const { accountId, next } = options;
  return db.transaction().execute(async (trx) => {
    const dryRun = await planMasterSwitch(trx, { accountId, next });
    const switching = JSON.stringify(dryRun.current) !== JSON.stringify(next);
    if (
      switching &&
      next.source === "channel" &&
      !options.confirm &&
      (await accountHasProducts(trx, accountId))
    ) {
      throw new AppError(
        "MASTER_CHANGE_UNCONFIRMED",
        'The account already has products: review the dry run and send "confirm": true to switch the master product source.',
        { field: "confirm", dryRun },
      );
    }
    const stored = next.source === "channel" ? { source: "channel", channelId: next.channelId } : next;
    await writeSetting(trx, {
      accountId,
      key: masterSourceKey,
      value: stored,
      actorUserId: options.actorUserId,
    });
    for (const change of dryRun.jobChanges) {
      if (change.change.startsWith("disabled")) {
        await setJobEnabled(trx, { accountId, jobId: change.jobId, enabled: false });
      }
    }
    const operationId = await recordOperation(trx, {
      accountId,
      channelId: next.source === "channel" ? next.channelId : null,
      kind: "settings.master-product-source",
      actorUserId: options.actorUserId,
      summary:
        next.source === "channel"
          ? `Master product source set to channel ${next.channelId}`
          : "Master product source set to internal",
      entries: [{ entity: "setting", entityId: masterSourceKey, before: dryRun.current, after: stored }],
    });
    return { masterProductSource: stored as MasterProductSource, dryRun, operationId };
  });
}
