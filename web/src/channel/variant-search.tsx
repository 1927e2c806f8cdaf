// Type-ahead search of the account's variants by SKU, barcode or name (GET /variants?q=).
import { Combobox, Group, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Page, query } from "../api.ts";
import { accountPath } from "../session.tsx";
import type { Variant } from "../types.ts";

export function VariantSearch(props: {
  accountId: string;
  label: string;
  onPick: (variant: Variant) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const variants = useQuery({
    queryKey: ["variant-search", props.accountId, debounced],
    queryFn: () =>
      api.get<Page<Variant>>(`${accountPath(props.accountId)}/variants${query({ q: debounced, limit: 20 })}`),
    enabled: debounced.length > 0,
  });
  const items = debounced ? (variants.data?.items ?? []) : [];

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const picked = items.find((v) => v.id === id);
        if (picked) props.onPick(picked);
        setSearch("");
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={props.label}
          placeholder="Search by SKU, barcode or name"
          value={search}
          autoFocus={props.autoFocus}
          error={props.error}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={variants.isFetching ? <Loader size={16} /> : null}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={debounced.length === 0}>
        <Combobox.Options>
          {items.map((variant) => (
            <Combobox.Option value={variant.id} key={variant.id}>
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm" fw={500}>
                    {variant.sku}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[variant.name, variant.barcode].filter(Boolean).join(" · ")}
                  </Text>
                </div>
                {variant.matchedBy && (
                  <Text size="xs" c="dimmed">
                    by {variant.matchedBy}
                  </Text>
                )}
              </Group>
            </Combobox.Option>
          ))}
          {debounced && !variants.isFetching && items.length === 0 && (
            <Combobox.Empty>{variants.error ? "Search failed" : "No variant found"}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
