/**
 * Recording an adverse event with CTCAE v5.0's own terms: a search by words (within a system organ class)
 * that offers only the dictionary's terms, the chosen term's allowed grades each with its definition, the
 * "Other, specify" text when the term needs it, and the date of death for a fatal grade (which must be
 * serious). The server checks every rule again; this only keeps the choices to what CTCAE allows.
 */
import { Button, Checkbox, Group, NativeSelect, Paper, Radio, Stack, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import type { CtcaeTerms } from "../../../outcomes/ctcae-schemas";
import type { AdverseEvent, NewAdverseEvent } from "../../../outcomes/schemas";
import { api } from "../../api";
import { ErrorNote, fieldError, localToInstant, zoneName } from "../../components";

type Term = CtcaeTerms["items"][number];
// Keyed by the type's union: a value added on the server fails this page's type check.
const ATTRIBUTIONS: Record<NewAdverseEvent["attribution"], true> = {
  unrelated: true,
  unlikely: true,
  possible: true,
  probable: true,
  definite: true,
};
/** Grade 5, and "Death neonatal" grade 4 (its only grade): the patient's death (ctcae-dictionary.ts). */
const isDeath = (term: string, grade: number) => grade === 5 || (term === "Death neonatal" && grade === 4);

export function AdverseEventForm({ mrn, done }: { mrn: string; done: (e: AdverseEvent) => void }) {
  const [q, setQ] = useState("");
  const [soc, setSoc] = useState("");
  const [found, setFound] = useState<CtcaeTerms>();
  const [term, setTerm] = useState<Term>();
  const [grade, setGrade] = useState<number>();
  const [v, setV] = useState<Record<string, string | boolean>>({
    attribution: "",
    serious: false,
    expected: false,
  });
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const t = setTimeout(() => {
      api.ctcaeTerms({ q, soc }).then(setFound, setError);
    }, 200);
    return () => clearTimeout(t);
  }, [q, soc]);
  const fatal = term !== undefined && grade !== undefined && isDeath(term.term, grade);
  const set = (k: string, x: string | boolean) => setV({ ...v, [k]: x });
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label="Record an adverse event"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        try {
          const onset = String(v.onsetAt ?? "");
          const r = await api.recordAdverseEvent({
            mrn,
            term: term?.term ?? "",
            ...(grade !== undefined ? { grade } : {}),
            ...(term?.otherSpecify ? { otherSpecify: String(v.otherSpecify ?? "") } : {}),
            ...(fatal ? { deathDate: String(v.deathDate ?? "") } : {}),
            serious: fatal || v.serious === true,
            attribution: v.attribution,
            expected: v.expected === true,
            onsetAt: localToInstant(onset) ?? new Date().toISOString(),
            description: String(v.description ?? ""),
          });
          setTerm(undefined);
          setGrade(undefined);
          // A recorded event leaves an empty form: nothing of it is carried into the next one.
          setQ("");
          setV({ attribution: "", serious: false, expected: false });
          done(r);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <Stack gap="xs">
        <Title order={3}>Record an adverse event</Title>
        <TextInput
          name="q"
          label="Find a CTCAE v5.0 term"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          autoComplete="off"
        />
        <NativeSelect
          name="soc"
          label="System organ class"
          value={soc}
          onChange={(e) => setSoc(e.currentTarget.value)}
          data={[{ value: "", label: "all" }, ...(found?.socs ?? [])]}
        />
        <NativeSelect
          name="term"
          label="Term"
          withAsterisk
          value={term?.term ?? ""}
          onChange={(e) => {
            const chosen = e.currentTarget.value;
            setTerm(found?.items.find((t) => t.term === chosen));
            setGrade(undefined);
          }}
          data={[
            { value: "", label: "—" },
            ...(term && !found?.items.some((t) => t.term === term.term) ? [term.term] : []),
            ...(found?.items.map((t) => t.term) ?? []),
          ]}
          error={fieldError(error, "term")}
        />
        {term && (
          <Radio.Group
            className="grades"
            name="grade"
            label={`Grade: ${term.term} (${term.soc}, MedDRA ${term.meddraCode})`}
            withAsterisk
            value={grade === undefined ? null : String(grade)}
            onChange={(g) => setGrade(Number(g))}
            error={fieldError(error, "grade")}
          >
            <Stack gap={4} mt={4}>
              {term.grades.map((g) => (
                <Radio
                  key={g.grade}
                  value={String(g.grade)}
                  label={
                    <>
                      <b>{g.grade}</b> {g.definition}
                    </>
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {term?.otherSpecify && (
          <TextInput
            name="otherSpecify"
            label="Specify"
            withAsterisk
            value={String(v.otherSpecify ?? "")}
            onChange={(e) => set("otherSpecify", e.currentTarget.value)}
            error={fieldError(error, "otherSpecify")}
          />
        )}
        {fatal && (
          <TextInput
            name="deathDate"
            type="date"
            label="Date of death"
            withAsterisk
            value={String(v.deathDate ?? "")}
            onChange={(e) => set("deathDate", e.currentTarget.value)}
            error={fieldError(error, "deathDate")}
          />
        )}
        <Checkbox
          name="serious"
          label="Serious"
          checked={fatal || v.serious === true}
          disabled={fatal}
          onChange={(e) => set("serious", e.currentTarget.checked)}
        />
        <NativeSelect
          name="attribution"
          label="Attribution to the product"
          withAsterisk
          value={String(v.attribution)}
          onChange={(e) => set("attribution", e.currentTarget.value)}
          data={[{ value: "", label: "—" }, ...Object.keys(ATTRIBUTIONS)]}
          error={fieldError(error, "attribution")}
        />
        <Checkbox
          name="expected"
          label="Expected"
          checked={v.expected === true}
          onChange={(e) => set("expected", e.currentTarget.checked)}
        />
        <TextInput
          name="onsetAt"
          type="datetime-local"
          label="Onset (blank: now)"
          description={`Your local time (${zoneName()})`}
          value={String(v.onsetAt ?? "")}
          onChange={(e) => set("onsetAt", e.currentTarget.value)}
          error={fieldError(error, "onsetAt")}
        />
        <TextInput
          name="description"
          label="Description"
          value={String(v.description ?? "")}
          onChange={(e) => set("description", e.currentTarget.value)}
          error={fieldError(error, "description")}
        />
        <Group>
          <Button type="submit">Record event</Button>
        </Group>
        <ErrorNote error={error} />
      </Stack>
    </Paper>
  );
}
