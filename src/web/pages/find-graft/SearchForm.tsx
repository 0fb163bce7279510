import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useEffect, useState } from "react";
import type { SearchSort } from "../../../search/schemas";
import { ApiError, api } from "../../api";

export interface Fields {
  typing: string;
  kind: "cord" | "adult";
  weightGrams: string;
  diagnosis: string;
  antibodies: string;
  sortBy: SearchSort;
  /** The least P(8/8) shown, as typed ("" for none). */
  minP8: string;
}

/** The orders the page offers (every SEARCH_SORTS value, checked at compile time); P(≤ 4) is for cords. */
const SORTS = [
  { value: "grade", label: "match grade" },
  { value: "p8", label: "P(8/8), most likely first" },
  { value: "pLe1", label: "P(≤1 mismatch of 8)" },
  { value: "pLe4", label: "P(≤4 mismatches of 8), then cell dose" },
] as const satisfies readonly { value: SearchSort; label: string }[];

export function SearchForm({
  fields,
  set,
  busy,
  onSearch,
}: { fields: Fields; set: (f: Partial<Fields>) => void; busy: boolean; onSearch: () => void }) {
  const [check, setCheck] = useState<{ ok: boolean; message: string } | undefined>();
  const typing = fields.typing;
  // Inline validation: the release is asked half a second after typing stops.
  useEffect(() => {
    if (typing.trim() === "") return setCheck(undefined);
    const t = setTimeout(() => {
      api.validateHla(typing.trim()).then(
        () => setCheck({ ok: true, message: "valid for the loaded IMGT/HLA release" }),
        (e) =>
          setCheck({ ok: false, message: e instanceof ApiError ? `${e.code}: ${e.message}` : String(e) }),
      );
    }, 500);
    return () => clearTimeout(t);
  }, [typing]);
  return (
    <Paper
      component="form"
      withBorder
      p="md"
      mb="md"
      className="search"
      aria-label="Search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      <Stack gap="sm">
        <Textarea
          name="typing"
          label="Patient HLA (GL string)"
          withAsterisk
          autosize
          minRows={2}
          value={fields.typing}
          onChange={(e) => set({ typing: e.currentTarget.value })}
          placeholder="A*01:01+A*02:01^B*08:01+B*44:02^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01^DQB1*02:01+DQB1*03:02"
          classNames={{ input: "mono" }}
        />
        {check && (
          <Text size="sm" className={check.ok ? "ok" : "error"} data-testid="hla-check" aria-live="polite">
            {check.message}
          </Text>
        )}
        <Group align="end" gap="sm">
          <NativeSelect
            name="kind"
            label="Search"
            value={fields.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as "cord" | "adult" })}
            data={[
              { value: "cord", label: "cord blood units" },
              { value: "adult", label: "adult donors" },
            ]}
          />
          {fields.kind === "cord" && (
            <>
              <TextInput
                name="weightGrams"
                label="Weight (g)"
                withAsterisk
                inputMode="numeric"
                value={fields.weightGrams}
                onChange={(e) => set({ weightGrams: e.currentTarget.value })}
                placeholder="3400"
              />
              <NativeSelect
                name="diagnosis"
                label="Diagnosis"
                value={fields.diagnosis}
                onChange={(e) => set({ diagnosis: e.currentTarget.value })}
                data={[
                  { value: "nonmalignant", label: "non-malignant (e.g. Krabbe, Hurler, SCID)" },
                  { value: "malignant", label: "malignant" },
                ]}
              />
            </>
          )}
          <NativeSelect
            name="sortBy"
            label="Sort by"
            value={fields.sortBy}
            onChange={(e) => set({ sortBy: e.currentTarget.value as SearchSort })}
            data={SORTS.filter((o) => fields.kind === "cord" || o.value !== "pLe4").map((o) => ({ ...o }))}
          />
          <TextInput
            name="minP8"
            label="Least P(8/8)"
            inputMode="decimal"
            value={fields.minP8}
            onChange={(e) => set({ minP8: e.currentTarget.value })}
            placeholder="0.5"
          />
          <TextInput
            name="antibodies"
            label="Antibodies"
            value={fields.antibodies}
            onChange={(e) => set({ antibodies: e.currentTarget.value })}
            placeholder="A2, B44"
          />
          <Button type="submit" loading={busy}>
            Search
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
