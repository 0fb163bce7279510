/**
 * Haplotype frequency sets (issue 17): what is imported (population, version, source, the IMGT/HLA release
 * it was read with) and which population each scope uses; coordinators and quality managers choose a
 * population and redo stale imputations. Importing a set stays with `cradle frequencies import` or the API:
 * a registry's set is licensed by its authors and may be far larger than a browser upload.
 */
import { SimpleGrid, Table, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FrequencyManager, FrequencyReader, PopulationScope } from "../../../search/frequency-schemas";
import { type SignedIn, api } from "../../api";
import { ErrorNote, Form, ListTable, SubmitRow, whenExact } from "../../components";
import { RankingWeights } from "./RankingWeights";

const SCOPE_WORDS: Record<string, string> = {
  default: "registry default",
  global: "global fallback",
  registry: "registry",
  bank: "bank",
  patient: "patient",
};

// Objects keyed by the server's types: a role or scope the server adds or drops fails to compile.
const keys = <K extends string>(o: Record<K, true>) => Object.keys(o) as K[];
const SCOPES = keys<PopulationScope>({
  default: true,
  global: true,
  registry: true,
  bank: true,
  patient: true,
});
const MANAGERS = keys<FrequencyManager>({ coordinator: true, "quality-manager": true });
const READERS = keys<FrequencyReader>({ physician: true, coordinator: true, "quality-manager": true });

const has = (user: SignedIn, roles: readonly string[]) => user.roles.some((r) => roles.includes(r));
/** Whether the user may read the frequency sets (the server's SEARCH_ROLES.readFrequencies). */
export const readsFrequencies = (user: SignedIn) => has(user, READERS);

export function FrequencySets({ user }: { user: SignedIn }) {
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ["frequency-sets"], queryFn: api.frequencySets });
  const manage = has(user, MANAGERS);
  const redo = useMutation({
    mutationFn: api.imputeListings,
    onSuccess: () => void queries.invalidateQueries({ queryKey: ["frequency-sets"] }),
  });
  const sets = list.data?.sets ?? [];
  const choices = list.data?.choices ?? [];
  return (
    <section aria-labelledby="frequency-sets">
      <Title order={2} id="frequency-sets">
        Haplotype frequency sets
      </Title>
      <ErrorNote error={list.error} />
      {list.data && sets.length === 0 && (
        <p>
          No frequency set is imported: searches show no match probability. Import one with{" "}
          <code>cradle frequencies import FILE --population CAU --version 2011 --source "…"</code>.
        </p>
      )}
      {sets.length > 0 && (
        <ListTable
          className="list"
          aria-label="Frequency sets"
          head={["Population", "Version", "Source", "Loci", "Haplotypes", "IMGT/HLA", "Imported"]}
        >
          <Table.Tbody>
            {sets.map((s) => (
              <Table.Tr key={s.id} data-population={s.population}>
                <Table.Td className="mono">{s.population}</Table.Td>
                <Table.Td>{s.version}</Table.Td>
                <Table.Td>{s.source}</Table.Td>
                <Table.Td>{s.loci.join("~")}</Table.Td>
                <Table.Td>{s.haplotypes.toLocaleString("en")}</Table.Td>
                <Table.Td>{s.hlaRelease}</Table.Td>
                <Table.Td>
                  {whenExact(s.importedAt)} by {s.importedBy}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      <Title order={3}>Populations used</Title>
      {list.data && choices.length === 0 && (
        <p>No population is chosen: no default and no global fallback.</p>
      )}
      {choices.length > 0 && (
        <ListTable
          className="list"
          aria-label="Population choices"
          head={["Scope", "For", "Population", "Chosen"]}
        >
          <Table.Tbody>
            {choices.map((c) => (
              <Table.Tr key={`${c.scope} ${c.subject}`}>
                <Table.Td>{SCOPE_WORDS[c.scope] ?? c.scope}</Table.Td>
                <Table.Td className="mono">{c.subject || "—"}</Table.Td>
                <Table.Td className="mono">{c.population}</Table.Td>
                <Table.Td>
                  {whenExact(c.chosenAt)} by {c.chosenBy}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      {manage && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" my="sm">
          <Form
            title="Choose a population"
            button="Choose"
            fields={[
              { name: "scope", label: "Scope", required: true, options: SCOPES },
              {
                name: "subject",
                label: "For (registry, bank or patient MRN; empty for default and global)",
              },
              {
                name: "population",
                label: "Population",
                required: true,
                options: [...new Set(sets.map((s) => s.population))],
              },
            ]}
            onSubmit={async (b) => {
              const c = await api.choosePopulation(b as never);
              void queries.invalidateQueries({ queryKey: ["frequency-sets"] });
              return `${SCOPE_WORDS[c.scope] ?? c.scope}${c.subject ? ` ${c.subject}` : ""} uses ${c.population}`;
            }}
          />
          <form
            aria-label="Imputations"
            onSubmit={(e) => {
              e.preventDefault();
              redo.mutate();
            }}
          >
            <Title order={3}>Imputations</Title>
            <p>
              Listings are imputed when they are imported. After a new set, a new choice or a new IMGT/HLA
              release, redo the imputations that were made otherwise.
            </p>
            <SubmitRow
              button="Redo stale imputations"
              busy={redo.isPending}
              error={redo.error}
              done={
                redo.data
                  ? `Imputed ${redo.data.imputed.toLocaleString("en")} listings; unrepresented ${redo.data.unrepresented.toLocaleString("en")} (${(100 * redo.data.unrepresentedShare).toFixed(1)} %); without a frequency set ${redo.data.noSet.toLocaleString("en")}`
                  : ""
              }
            />
          </form>
        </SimpleGrid>
      )}
      <RankingWeights user={user} manage={manage} />
    </section>
  );
}
