/**
 * Choosing the patient a product is reserved for from the patient records: a search by MRN or name, then
 * a select of the matches. Never free text: what is sent is the MRN of a record the server listed, and the
 * server still refuses one no patient has (shown on the select).
 */
import { NativeSelect, Stack, TextInput } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../api";
import { fieldError } from "./field-error";
import { day } from "./format";

export function PatientPicker({
  value,
  onChange,
  error,
  initialSearch = "",
}: {
  /** The chosen patient's MRN, "" when none is chosen. */
  value: string;
  onChange: (mrn: string) => void;
  /** The last refusal; shown on the select when it names patientId. */
  error?: unknown;
  /** What the search starts from: the MRN of the patient whose page opened this (Find a graft's context). */
  initialSearch?: string;
}) {
  const [search, setSearch] = useState(initialSearch);
  // Ask once the user pauses, not on every key.
  const [asked, setAsked] = useState(initialSearch.trim());
  useEffect(() => {
    const t = setTimeout(() => setAsked(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);
  const found = useQuery({
    queryKey: ["patients", "pick", asked],
    queryFn: () => api.patients({ search: asked, limit: 20, offset: 0 }),
    enabled: asked.length > 0,
    placeholderData: keepPreviousData,
  });
  const items = asked.length > 0 ? (found.data?.items ?? []) : [];
  // A choice the new matches no longer hold is dropped, so the select never sends a hidden patient.
  useEffect(() => {
    if (value !== "" && found.data && !found.data.items.some((p) => p.mrn === value)) onChange("");
  }, [found.data, value, onChange]);
  const hint =
    asked.length === 0
      ? "Type an MRN or a name to search the patient records"
      : found.isFetching
        ? "Searching…"
        : `${items.length} of ${found.data?.total ?? 0} matching`;
  return (
    <Stack gap={4}>
      <TextInput
        name="patientSearch"
        label="Find the patient (MRN or name)"
        value={search}
        autoComplete="off"
        onChange={(e) => setSearch(e.currentTarget.value)}
        description={hint}
      />
      <NativeSelect
        name="patientId"
        label="Patient"
        withAsterisk
        aria-required
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={fieldError(error, "patientId")}
        data={[
          { value: "", label: items.length ? "— choose —" : "— no patient found —" },
          ...items.map((p) => ({
            value: p.mrn,
            label: `${p.mrn}: ${p.familyName}, ${p.givenName} (born ${day(p.birthAt)})`,
          })),
        ]}
      />
    </Stack>
  );
}
