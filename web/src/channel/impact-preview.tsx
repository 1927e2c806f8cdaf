// The impact preview of a mapping change: which listings' quantities change, before -> after.
import { Alert, Table, Text } from "@mantine/core";
import { labelOf, warningLabels } from "../labels.ts";

export type ImpactChange = {
  listingId: string;
  channelSku: string;
  quantityBefore: number | null;
  quantityAfter: number | null;
};

/** warnings: what the mapping would be warned of once saved (create and remap), shown before saving. */
export type Impact = {
  preview: true;
  changes: ImpactChange[];
  warnings?: { code: string; message: string }[];
};

export function isImpact(value: unknown): value is Impact {
  return (
    typeof value === "object" && value !== null && Array.isArray((value as { changes?: unknown }).changes)
  );
}

const show = (n: number | null) => (n === null ? "not mapped" : String(n));

export function ImpactPreview({ impact }: { impact: Impact }) {
  const warnings = impact.warnings ?? [];
  return (
    <>
      {warnings.length > 0 && (
        <Alert color="yellow" title="Once saved, this mapping is warned of">
          {warnings.map((w) => (
            <Text key={`${w.code}:${w.message}`} size="sm">
              {labelOf(warningLabels, w.code)}: {w.message}
            </Text>
          ))}
        </Alert>
      )}
      <QuantityChanges changes={impact.changes} />
    </>
  );
}

function QuantityChanges({ changes }: { changes: ImpactChange[] }) {
  if (changes.length === 0) {
    return <Alert color="gray">No listing quantity changes.</Alert>;
  }
  const shown = changes.slice(0, 20);
  return (
    <Alert color="blue" title="Impact preview" aria-label="Impact preview">
      <Table fz="sm" withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Listing</Table.Th>
            <Table.Th>Quantity before</Table.Th>
            <Table.Th>After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((change) => (
            <Table.Tr key={change.listingId}>
              <Table.Td>{change.channelSku}</Table.Td>
              <Table.Td>{show(change.quantityBefore)}</Table.Td>
              <Table.Td>{show(change.quantityAfter)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {changes.length > shown.length && (
        <Text size="xs">and {changes.length - shown.length} more listings</Text>
      )}
    </Alert>
  );
}
