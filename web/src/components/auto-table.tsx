// A table of API items whose exact shape may still change: the chosen columns, or every
// plain (string / number / boolean) field of the first item.
import { Table } from "@mantine/core";
import type { ReactNode } from "react";
import { humanise } from "../labels.ts";

export type Row = Record<string, unknown>;

function cell(value: unknown): ReactNode {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function AutoTable(props: {
  items: Row[];
  columns?: { key: string; label: string; render?: (row: Row) => ReactNode }[];
  label: string;
  actions?: (row: Row) => ReactNode;
}) {
  const first = props.items[0];
  const columns =
    props.columns ??
    (first
      ? Object.keys(first)
          .filter((k) => k !== "id" && !k.endsWith("Id") && typeof first[k] !== "object")
          .map((key) => ({ key, label: humanise(key), render: undefined }))
      : []);
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped aria-label={props.label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key}>{c.label}</Table.Th>
            ))}
            {props.actions && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((row, i) => (
            <Table.Tr key={String(row.id ?? row.listingId ?? i)}>
              {columns.map((c) => (
                <Table.Td key={c.key}>{c.render ? c.render(row) : cell(row[c.key])}</Table.Td>
              ))}
              {props.actions && <Table.Td>{props.actions(row)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
