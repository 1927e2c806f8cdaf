// The products page's "Files" menu: the catalog file and the stock file, each with export (CSV /
// XLSX), template and import (upload -> preview -> apply). A catalog can also be imported from a
// WooCommerce or Shopify product export.
import { Button, Menu, NativeSelect } from "@mantine/core";
import { useState } from "react";
import { apiUrl } from "../api.ts";
import { FileImportDialog, summaryText } from "../components/file-import-dialog.tsx";
import { accountPath } from "../session.tsx";

const catalogSources = [
  { value: "file", label: "Catalog file (sku, product_key, product_name, ...)" },
  { value: "woocommerce", label: "WooCommerce product export" },
  { value: "shopify", label: "Shopify product export" },
];

// Amounts are whole minor units (cents): "19.99" in price_amount fails its row, so say it up front.
const catalogDescription =
  "One row per variant: sku, product_key (rows with the same key are one product), product_name, variant_name, barcode, cost_amount and cost_currency, price_amount and price_currency, archived, option:<name> columns (see Catalog template). cost_amount and price_amount are in minor units: 1999 means 19.99. A known SKU updates its variant.";

export function FilesMenu(props: {
  accountId: string;
  canEdit: boolean;
  /** after an import is applied: the notice text (what it changed) */
  onApplied: (message: string) => Promise<void>;
}) {
  const [importing, setImporting] = useState<"catalog" | "stock" | null>(null);
  const [source, setSource] = useState("file");
  const base = accountPath(props.accountId);
  const link = (path: string, label: string) => (
    <Menu.Item component="a" href={apiUrl(`${base}${path}`)} download>
      {label}
    </Menu.Item>
  );
  const close = () => setImporting(null);
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default">Files</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Catalog</Menu.Label>
          {link("/products/export", "Export catalog CSV")}
          {link("/products/export?format=xlsx", "Export catalog XLSX")}
          {link("/products/template", "Catalog template")}
          {props.canEdit && <Menu.Item onClick={() => setImporting("catalog")}>Import catalog</Menu.Item>}
          <Menu.Divider />
          <Menu.Label>Stock</Menu.Label>
          {link("/stock/export", "Export stock CSV")}
          {link("/stock/export?format=xlsx", "Export stock XLSX")}
          {link("/stock/template", "Stock template")}
          {props.canEdit && <Menu.Item onClick={() => setImporting("stock")}>Import stock</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
      {importing === "catalog" && (
        <FileImportDialog
          title="Import catalog"
          description={catalogDescription}
          fileLabel="Catalog file"
          imports={`${base}/products/imports`}
          uploadQuery={source === "file" ? "" : `?source=${source}`}
          onApplied={(applied) => props.onApplied(`Catalog import applied: ${summaryText(applied.summary)}.`)}
          onClose={close}
        >
          <NativeSelect
            label="File type"
            data={catalogSources}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
          />
        </FileImportDialog>
      )}
      {importing === "stock" && (
        <FileImportDialog
          title="Import stock"
          description="One row per SKU and location with absolute levels: sku, location (default: the own warehouse, or a fulfillment channel's id), on_hand, reserved (see Stock template)."
          fileLabel="Stock file"
          imports={`${base}/stock/imports`}
          onApplied={(applied) => props.onApplied(`Stock import applied: ${summaryText(applied.summary)}.`)}
          onClose={close}
        />
      )}
    </>
  );
}
