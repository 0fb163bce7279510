/**
 * The site's ranking weights (issue 17): a score per WMDA match grade and per match confidence, summed over
 * the positions a search counts; listings of equal mismatches rank by the grade score, then the confidence
 * score. Everyone who reads frequency sets sees them in a table; the search managers see them in the form
 * that changes them (each field holds the current weight), with a reason.
 */
import { Alert, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RankingWeightsView } from "../../../search/ranking-schemas";
import { type SignedIn, api } from "../../api";
import { ErrorNote, Form, ListTable, whenExact } from "../../components";

type WmdaGrade = keyof RankingWeightsView["weights"]["grade"];
type Confidence = keyof RankingWeightsView["weights"]["confidence"];

// Keyed by the server's types: a grade or confidence the server adds or drops fails to compile.
const GRADES = Object.keys({
  GDna: 1,
  CDna: 1,
  Protein: 1,
  GGroup: 1,
  PGroup: 1,
  NullGDna: 1,
  NullCDna: 1,
  NullPartial: 1,
  NullMismatch: 1,
  Associated: 1,
  Split: 1,
  Broad: 1,
  PermissiveMismatch: 1,
  ExpressingVsNull: 1,
  Mismatch: 1,
  Unknown: 1,
} satisfies Record<WmdaGrade, 1>) as WmdaGrade[];
const CONFIDENCES = Object.keys({ definite: 1, exact: 1, potential: 1, mismatch: 1 } satisfies Record<
  Confidence,
  1
>) as Confidence[];

/**
 * The change the form asks for: the weights that differ from those it was opened with, each read as a
 * whole number from -10 to 10 as typed (no "0x5", no "1e1"), the reason, and the view it was made from
 * (the server refuses it if another manager changed the weights since). Throws naming the field at fault.
 */
function changeOf(
  flat: Record<string, unknown>,
  w: RankingWeightsView["weights"],
  basedOn: string | null,
): Record<string, unknown> {
  const grade: Record<string, number> = {};
  const confidence: Record<string, number> = {};
  for (const [name, value] of Object.entries(flat)) {
    const [scale, key] = name.split(".") as [string, string | undefined];
    if (key === undefined) continue;
    const text = String(value ?? "").trim();
    const label = `${scale === "grade" ? "Grade" : "Confidence"} ${key}`;
    if (!/^-?\d{1,2}$/.test(text))
      throw new Error(`${label}: "${text}" is not a whole number from -10 to 10`);
    const n = Number(text);
    if (n < -10 || n > 10) throw new Error(`${label}: ${n} is outside -10 to 10`);
    const current = scale === "grade" ? w.grade[key as WmdaGrade] : w.confidence[key as Confidence];
    if (n !== current) (scale === "grade" ? grade : confidence)[key] = n;
  }
  if (Object.keys(grade).length + Object.keys(confidence).length === 0)
    throw new Error("No weight differs from those in force: nothing to save");
  return {
    ...(Object.keys(grade).length > 0 ? { grade } : {}),
    ...(Object.keys(confidence).length > 0 ? { confidence } : {}),
    reason: flat.reason,
    basedOn,
  };
}

export function RankingWeights({ user, manage }: { user: SignedIn; manage: boolean }) {
  const queries = useQueryClient();
  const view = useQuery({ queryKey: ["ranking-weights", user.username], queryFn: api.rankingWeights });
  const w = view.data?.weights;
  // Said outside the form, which is made anew from the saved weights.
  const [saved, setSaved] = useState("");
  return (
    <section aria-labelledby="ranking-weights">
      <Title order={2} id="ranking-weights">
        Ranking weights
      </Title>
      <ErrorNote error={view.error} />
      {view.data && (
        <p>
          {view.data.inUse
            ? `In use: within the built-in classes (adults: mismatches, DQB1, untyped loci; cords: mismatches, cord class, untyped loci) listings rank by their grade score, then their confidence score (higher first), then direction (and for cords the dose). Last changed ${whenExact(view.data.updatedAt ?? "")} by ${view.data.updatedBy}.`
            : "Every weight is 0: searches rank by the built-in order (mismatches, then DQB1, untyped loci and direction; for cords the cord class, direction and dose)."}
        </p>
      )}
      {w && !manage && (
        <ListTable className="list" aria-label="Ranking weights" head={["Scored", "Weight per position"]}>
          <Table.Tbody>
            {GRADES.map((g) => (
              <Table.Tr key={g} data-weight={`grade.${g}`}>
                <Table.Td>Grade {g}</Table.Td>
                <Table.Td className="mono">{w.grade[g]}</Table.Td>
              </Table.Tr>
            ))}
            {CONFIDENCES.map((c) => (
              <Table.Tr key={c} data-weight={`confidence.${c}`}>
                <Table.Td>Confidence {c}</Table.Td>
                <Table.Td className="mono">{w.confidence[c]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      {saved && (
        <output>
          <Alert color="green" my="sm">
            {saved}
          </Alert>
        </output>
      )}
      {manage && w && (
        <Form
          key={view.data?.updatedAt ?? "zero"}
          title="Change the ranking weights"
          button="Save the weights"
          initial={Object.fromEntries([
            ...GRADES.map((g) => [`grade.${g}`, String(w.grade[g])]),
            ...CONFIDENCES.map((c) => [`confidence.${c}`, String(w.confidence[c])]),
          ])}
          fields={[
            ...GRADES.map((g) => ({
              name: `grade.${g}`,
              label: `Grade ${g} (-10 to 10)`,
            })),
            ...CONFIDENCES.map((c) => ({
              name: `confidence.${c}`,
              label: `Confidence ${c} (-10 to 10)`,
            })),
            { name: "reason", label: "Why the ranking changes (kept in the audit trail)", required: true },
          ]}
          onSubmit={async (flat) => {
            setSaved("");
            const r = await api.setRankingWeights(changeOf(flat, w, view.data?.updatedAt ?? null));
            setSaved(
              r.inUse
                ? `Saved ${whenExact(r.updatedAt ?? "")}: searches now rank by these weights`
                : "Saved: every weight is 0 (the built-in order)",
            );
            void queries.invalidateQueries({ queryKey: ["ranking-weights"] });
            return undefined;
          }}
        />
      )}
    </section>
  );
}
