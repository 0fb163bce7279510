/**
 * The site's ranking weights (issue 17): a score per WMDA match grade and per match confidence, summed over
 * the positions a search counts; listings of equal mismatches rank by the grade score, then the confidence
 * score. Everyone who reads frequency sets sees them in a table; the search managers see them in the form
 * that changes them (each field holds the current weight), with a reason.
 */
import { Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
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

/** The form's flat names ("grade.Protein") as the API's nested body. */
function nested(flat: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, Record<string, unknown> | unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const [scale, key] = name.split(".");
    if (key === undefined) body[name] = value;
    else body[scale as string] = { ...((body[scale as string] as object) ?? {}), [key]: value };
  }
  return body;
}

export function RankingWeights({ user, manage }: { user: SignedIn; manage: boolean }) {
  const queries = useQueryClient();
  const view = useQuery({ queryKey: ["ranking-weights", user.username], queryFn: api.rankingWeights });
  const w = view.data?.weights;
  return (
    <section aria-labelledby="ranking-weights">
      <Title order={2} id="ranking-weights">
        Ranking weights
      </Title>
      <ErrorNote error={view.error} />
      {view.data && (
        <p>
          {view.data.inUse
            ? `In use: listings of equal mismatches rank by their grade score, then their confidence score (higher first), then the built-in order. Last changed ${whenExact(view.data.updatedAt ?? "")} by ${view.data.updatedBy}.`
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
              type: "number" as const,
            })),
            ...CONFIDENCES.map((c) => ({
              name: `confidence.${c}`,
              label: `Confidence ${c} (-10 to 10)`,
              type: "number" as const,
            })),
            { name: "reason", label: "Why the ranking changes (kept in the audit trail)", required: true },
          ]}
          onSubmit={async (flat) => {
            const r = await api.setRankingWeights(nested(flat));
            void queries.invalidateQueries({ queryKey: ["ranking-weights"] });
            return r.inUse
              ? "Saved: searches now rank by these weights"
              : "Saved: every weight is 0 (built-in order)";
          }}
        />
      )}
    </section>
  );
}
