// The summary of a listing download in the words of the screen: rows read, new, auto-mapped by
// SKU / barcode, unmappable, ambiguous ..., the product sync when the channel is the master,
// and the issues (the server sends the first 50 and the count of all).
import { Alert, Anchor, List, ScrollArea, SimpleGrid, Text } from "@mantine/core";
import { apiUrl } from "../api.ts";

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

type Issue = {
  row?: number;
  column?: string;
  value?: string;
  code?: string;
  reason: string;
  severity?: string;
};

/** The server's issue severities, most serious first: [code, one, many]. */
const severities: [string, string, string][] = [
  ["error", "error", "errors"],
  ["warning", "warning", "warnings"],
  ["skipped", "skipped row", "skipped rows"],
];

const severityLabel = (code: string) => {
  const one = severities.find(([c]) => c === code)?.[1] ?? code;
  return one.charAt(0).toUpperCase() + one.slice(1);
};

/** "2 errors, 48 skipped rows": the severities of `issues`. */
function severityCounts(issues: Issue[]): string {
  return severities
    .map(([severity, one, many]) => {
      const n = issues.filter((i) => i.severity === severity).length;
      return n === 0 ? "" : `${n} ${n === 1 ? one : many}`;
    })
    .filter((text) => text !== "")
    .join(", ");
}

/**
 * The server lists at most 50 issues but counts them all: the heading gives the full count, and the
 * split by severity is only called a total when every issue is here.
 */
function IssueList({ issues, total, fileUrl }: { issues: Issue[]; total: number; fileUrl: string | null }) {
  const split = severityCounts(issues);
  const complete = total <= issues.length;
  return (
    <>
      <Text size="sm" mt="xs" fw={600}>
        Issues: {total}
        {split && (complete ? ` (${split})` : ` (the first ${issues.length}: ${split})`)}
      </Text>
      <ScrollArea.Autosize mah={240} type="auto">
        <List size="sm" aria-label="Issues">
          {issues.map((issue, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; two issues may name the same row and column
            <List.Item key={`${issue.row ?? ""}:${issue.column ?? ""}:${i}`}>
              {issue.severity && `${severityLabel(issue.severity)}: `}
              {issue.row !== undefined ? `Row ${issue.row}` : ""}
              {issue.column ? ` (${issue.column}${issue.value ? `: ${issue.value}` : ""})` : ""}
              {issue.row !== undefined || issue.column ? ": " : ""}
              {issue.reason}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
      {!complete && (
        <Text size="sm" c="dimmed">
          and {total - issues.length} more not shown
          {fileUrl && (
            <>
              {" "}
              (<Anchor href={fileUrl}>download all {total} issues as CSV</Anchor>)
            </>
          )}
        </Text>
      )}
    </>
  );
}

/** downloadsPath: the channel's downloads route, for the file of every issue. */
export function DownloadSummary({
  summary,
  downloadsPath,
}: {
  summary: Record<string, unknown>;
  downloadsPath?: string;
}) {
  const fileUrl =
    downloadsPath && typeof summary.id === "string" ? apiUrl(`${downloadsPath}/${summary.id}/issues`) : null;
  const sync = summary.productSync as Record<string, unknown> | undefined;
  const issues = Array.isArray(summary.issues) ? (summary.issues as Issue[]) : [];
  const issueCount = typeof summary.issueCount === "number" ? summary.issueCount : issues.length;
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
      {issues.length > 0 && <IssueList issues={issues} total={issueCount} fileUrl={fileUrl} />}
    </Alert>
  );
}
