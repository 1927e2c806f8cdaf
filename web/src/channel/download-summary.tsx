// The summary of a listing download in the words of the screen: rows read, new, auto-mapped by
// SKU / barcode, unmappable, ambiguous ..., the product sync when the channel is the master,
// and the first issues.
import { Alert, List, SimpleGrid, Text } from "@mantine/core";

const labels: [string, string][] = [
  ["rowsRead", "Rows read"],
  ["new", "New listings"],
  ["changed", "Changed"],
  ["unchanged", "Unchanged"],
  ["reappeared", "Back on the channel"],
  ["missingOnChannel", "Missing on the channel"],
  ["flaggedMappings", "Mappings flagged (missing)"],
  ["autoMappedBySku", "Auto-mapped by SKU"],
  ["autoMappedByBarcode", "Auto-mapped by barcode"],
  ["alreadyMapped", "Already mapped"],
  ["unmappable", "Unmappable"],
  ["ambiguous", "Ambiguous (barcode of several variants)"],
  ["notSellable", "Not sellable (parents, ...)"],
  ["skipped", "Skipped"],
];

type Issue = { row?: number; column?: string; value?: string; code?: string; reason: string };

export function DownloadSummary({ summary }: { summary: Record<string, unknown> }) {
  const sync = summary.productSync as Record<string, unknown> | undefined;
  const issues = Array.isArray(summary.issues) ? (summary.issues as Issue[]) : [];
  return (
    <Alert color="teal" title="Summary">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={2}>
        {labels
          .filter(([key]) => typeof summary[key] === "number")
          .map(([key, label]) => (
            <Text key={key} size="sm">
              {label}: <b>{String(summary[key])}</b>
            </Text>
          ))}
      </SimpleGrid>
      {sync && typeof sync === "object" && (
        <Text size="sm" mt="xs">
          Product sync from the master: {String(sync.productsCreated ?? 0)} products created,{" "}
          {String(sync.variantsUpdated ?? 0)} variants updated
        </Text>
      )}
      {issues.length > 0 && (
        <>
          <Text size="sm" mt="xs" fw={600}>
            Issues: {String(summary.issueCount ?? issues.length)}
          </Text>
          <List size="sm">
            {issues.slice(0, 10).map((issue, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; two issues may name the same row and column
              <List.Item key={`${issue.row ?? ""}:${issue.column ?? ""}:${i}`}>
                {issue.row !== undefined ? `Row ${issue.row}` : ""}
                {issue.column ? ` (${issue.column}${issue.value ? `: ${issue.value}` : ""})` : ""}
                {issue.row !== undefined || issue.column ? ": " : ""}
                {issue.reason}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
