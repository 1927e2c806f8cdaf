// What switching the master product source would do: the first sync's counts, the listings that
// a naive sync would have duplicated and how they are matched instead, and the job changes.
import { Alert, List, Table, Text } from "@mantine/core";
import { jobKindLabels, labelOf } from "../labels.ts";

export type MasterSource = { source: "internal" } | { source: "channel"; channelId: string };

export type SyncCounts = {
  productsCreated: number;
  variantsCreated: number;
  variantsUpdated: number;
  productsUpdated: number;
  unchanged: number;
};

export type DryRun = {
  current: MasterSource;
  next: MasterSource;
  firstSync: SyncCounts & {
    duplicatesAvoided: {
      channelSku: string;
      row: number;
      matchedBy: "sku" | "barcode";
      variantSku: string;
    }[];
    skipped?: string;
  };
  jobChanges: { jobId: string; channelId: string; kind: string; change: string }[];
};

export function isDryRun(value: unknown): value is DryRun {
  return typeof value === "object" && value !== null && "firstSync" in value && "jobChanges" in value;
}

export function SyncCountsText({ counts }: { counts: SyncCounts }) {
  return (
    <Text size="sm">
      Products created: <b>{counts.productsCreated}</b>, variants created: <b>{counts.variantsCreated}</b>,
      variants updated: <b>{counts.variantsUpdated}</b>, products updated: <b>{counts.productsUpdated}</b>,
      unchanged: <b>{counts.unchanged}</b>
    </Text>
  );
}

export function DryRunSummary({
  dryRun,
  channelName,
}: {
  dryRun: DryRun;
  channelName: (id: string) => string;
}) {
  const { firstSync, jobChanges } = dryRun;
  const avoided = firstSync.duplicatesAvoided;
  return (
    <Alert color="blue" title="Dry run: what the first sync would do">
      {firstSync.skipped ? <Text size="sm">{firstSync.skipped}</Text> : <SyncCountsText counts={firstSync} />}
      <Text size="sm" mt="xs" fw={600}>
        Duplicates avoided: {avoided.length}
      </Text>
      {avoided.length > 0 && (
        <Table fz="sm" withRowBorders={false} aria-label="Duplicates avoided">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Channel SKU</Table.Th>
              <Table.Th>Matched by</Table.Th>
              <Table.Th>Existing variant</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {avoided.slice(0, 20).map((d) => (
              <Table.Tr key={`${d.row}:${d.channelSku}`}>
                <Table.Td>{d.row}</Table.Td>
                <Table.Td>{d.channelSku}</Table.Td>
                <Table.Td>{d.matchedBy === "sku" ? "same SKU" : "same barcode"}</Table.Td>
                <Table.Td>{d.variantSku}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {avoided.length > 20 && <Text size="xs">and {avoided.length - 20} more</Text>}
      <Text size="sm" mt="xs" fw={600}>
        Scheduled jobs that change: {jobChanges.length === 0 ? "none" : jobChanges.length}
      </Text>
      {jobChanges.length > 0 && (
        <List size="sm">
          {jobChanges.map((j) => (
            <List.Item key={j.jobId}>
              {labelOf(jobKindLabels, j.kind)} of {channelName(j.channelId)}: {j.change}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
