// Row types of every table, as Kysely sees them. Timestamps are ISO-8601 text and flags are
// 0/1 integers in both dialects, so rows read the same on SQLite and PostgreSQL.

import type { AccountSettingTable, JobRunTable, JobTable, ProductFeedItemTable } from "./schema-sync.ts";

export type { AccountSettingTable, JobRunTable, JobTable, ProductFeedItemTable } from "./schema-sync.ts";

export type Flag = 0 | 1;

export type AccountTable = { id: string; name: string; created_at: string };
export type UserTable = { id: string; email: string; password_hash: string | null; created_at: string };
export type MembershipTable = { account_id: string; user_id: string; role: string; created_at: string };
export type ApiKeyTable = {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
};
export type SessionTable = { token_hash: string; user_id: string; created_at: string; expires_at: string };

export type ProductTable = {
  account_id: string;
  id: string;
  name: string;
  product_key: string | null;
  category: string | null;
  created_at: string;
  updated_at: string;
};

export type VariantTable = {
  account_id: string;
  id: string;
  product_id: string;
  sku: string;
  sku_search: string;
  barcode: string | null;
  barcode_gtin: string | null;
  name: string | null;
  name_search: string | null;
  options: string;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  weight_g: number | null;
  cost_amount: number | null;
  cost_currency: string | null;
  price_amount: number | null;
  price_currency: string | null;
  is_default: Flag;
  archived: Flag;
  created_at: string;
  updated_at: string;
};

export type ChannelTable = {
  account_id: string;
  id: string;
  name: string;
  kind: string;
  platform: string;
  seller_id: string;
  enabled: Flag;
  can_import_products: Flag;
  buffer: number;
  family_lock: Flag;
  mapping_version: number;
  created_at: string;
  updated_at: string;
};

export type ListingTable = {
  account_id: string;
  id: string;
  channel_id: string;
  seller_id: string;
  channel_sku: string;
  type: string;
  parent_id: string | null;
  title: string | null;
  category: string | null;
  barcode: string | null;
  barcode_gtin: string | null;
  external_id: string | null;
  price_amount: number | null;
  price_currency: string | null;
  quantity: number | null;
  status: string;
  missing_on_channel: Flag;
  content_hash: string | null;
  created_at: string;
  updated_at: string;
};

export type MappingTable = {
  account_id: string;
  id: string;
  channel_id: string;
  listing_id: string;
  origin: string;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
};

export type MappingComponentTable = {
  account_id: string;
  mapping_id: string;
  variant_id: string;
  quantity: number;
};

export type OperationTable = {
  account_id: string;
  id: string;
  channel_id: string | null;
  kind: string;
  actor_user_id: string | null;
  summary: string;
  created_at: string;
  undone_at: string | null;
  undone_by: string | null;
};

export type AuditEntryTable = {
  account_id: string;
  operation_id: string;
  seq: number;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
};

export type StockLevelTable = {
  account_id: string;
  variant_id: string;
  location: string;
  on_hand: number;
  reserved: number;
  updated_at: string;
};

export type ChannelLocationTable = { account_id: string; channel_id: string; location: string };

export type ImportTable = {
  account_id: string;
  id: string;
  kind: string;
  channel_id: string | null;
  mode: string;
  status: string;
  file_path: string;
  file_name: string;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  rows_total: number;
  rows_done: number;
  rejected_rows: number;
  counts: string;
  summary: string | null;
  operation_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export type ImportErrorTable = {
  account_id: string;
  import_id: string;
  seq: number;
  row: number;
  column: string;
  value: string;
  reason: string;
};

export type FeedSequenceTable = { account_id: string; last_seq: number };

export type ListingQuantityTable = {
  account_id: string;
  channel_id: string;
  listing_id: string;
  seller_id: string;
  channel_sku: string;
  quantity: number;
  seq: number;
  updated_at: string;
};

export type DownloadTable = {
  account_id: string;
  id: string;
  channel_id: string;
  format: string;
  mode: string;
  file_name: string | null;
  summary: string;
  newest_row_date: string | null;
  operation_id: string | null;
  actor_user_id: string | null;
  created_at: string;
};

export type DownloadIssueTable = {
  account_id: string;
  download_id: string;
  seq: number;
  row: number | null;
  column: string | null;
  value: string | null;
  severity: string;
  code: string | null;
  reason: string;
};

export type DownloadedListingDetailTable = {
  account_id: string;
  listing_id: string;
  channel_id: string;
  kind: string | null;
  sellable: Flag;
  options: string;
  row_date: string | null;
};

export type CoverageHistoryTable = {
  account_id: string;
  channel_id: string;
  day: string;
  total: number;
  mapped: number;
  unmapped: number;
  updated_at: string;
};

export type MappingChangeTable = {
  account_id: string;
  channel_id: string;
  version: number;
  /** JSON array of listing ids; null: anything in the channel may have changed */
  listing_ids: string | null;
};

export type Database = {
  accounts: AccountTable;
  users: UserTable;
  memberships: MembershipTable;
  api_keys: ApiKeyTable;
  sessions: SessionTable;
  products: ProductTable;
  variants: VariantTable;
  channels: ChannelTable;
  listings: ListingTable;
  mappings: MappingTable;
  mapping_components: MappingComponentTable;
  operations: OperationTable;
  audit_entries: AuditEntryTable;
  stock_levels: StockLevelTable;
  channel_locations: ChannelLocationTable;
  feed_sequences: FeedSequenceTable;
  listing_quantities: ListingQuantityTable;
  imports: ImportTable;
  import_errors: ImportErrorTable;
  downloads: DownloadTable;
  downloaded_listing_details: DownloadedListingDetailTable;
  download_issues: DownloadIssueTable;
  account_settings: AccountSettingTable;
  jobs: JobTable;
  job_runs: JobRunTable;
  product_feed_sequences: FeedSequenceTable;
  product_feed_items: ProductFeedItemTable;
  coverage_history: CoverageHistoryTable;
  mapping_changes: MappingChangeTable;
};
