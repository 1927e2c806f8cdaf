// Row types of the master-product-source setting, scheduled jobs and the product feed
// (migration 0007-sync), kept apart from schema.ts to keep each file short.
import type { Flag } from "./schema.ts";

export type AccountSettingTable = {
  account_id: string;
  key: string;
  value: string;
  updated_by: string | null;
  updated_at: string;
};

export type JobTable = {
  account_id: string;
  id: string;
  channel_id: string;
  kind: string;
  interval_seconds: number;
  enabled: Flag;
  next_run_at: string;
  locked_until: string | null;
  last_run_at: string | null;
  last_outcome: string | null;
  last_error: string | null;
  failures: number;
  max_retries: number;
  created_at: string;
  updated_at: string;
};

export type JobRunTable = {
  account_id: string;
  id: string;
  job_id: string;
  run_key: string;
  trigger: string;
  scheduled_for: string;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  error: string | null;
  result: string | null;
};

export type ProductFeedItemTable = {
  account_id: string;
  channel_id: string;
  listing_id: string;
  seller_id: string;
  channel_sku: string;
  item: string;
  removed: Flag;
  seq: number;
  updated_at: string;
};
