/**
 * The program's outcomes for the population and grouping the user chooses: overall survival (Kaplan–Meier,
 * 95% log intervals, numbers at risk, medians, the log-rank test), neutrophil engraftment after transplant
 * (cumulative incidence, death competing, Gray's test), and adverse events by grade; each as CSV and as an
 * image. Researchers see the same statistics on research-consented patients and get the de-identified export.
 */
import { Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ReportQuery } from "../../outcomes/comparison-schemas";
import { type User, api } from "../api";
import { ErrorNote, day } from "../components";
import { AdverseEvents } from "./outcomes/AdverseEvents";
import { ComparisonChoice } from "./outcomes/Comparison";
import { Engraftment } from "./outcomes/Engraftment";
import { Survival } from "./outcomes/Survival";

function Report() {
  const [query, setQuery] = useState<ReportQuery>({});
  const { data, error } = useQuery({
    queryKey: ["outcomes-report", query],
    queryFn: () => api.outcomesReport(query),
    placeholderData: keepPreviousData,
  });
  const csv = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined)).toString();
  return (
    <>
      <ComparisonChoice query={query} onChange={setQuery} />
      {error ? (
        <ErrorNote error={error} />
      ) : !data ? (
        <p className="loading">Loading…</p>
      ) : (
        <>
          <p data-testid="population">
            {data.patients} treated patients
            {data.comparison.population.cohort === "research-consented" &&
              " with a research consent in force (de-identified)"}
            , as of {day(data.asOf)}. Time zero is the first infusion.
          </p>
          <Survival survival={data.survival} test={data.comparison.survival} csv={csv} />
          <Engraftment report={data} test={data.comparison.engraftment} csv={csv} />
          <AdverseEvents rows={data.adverseEvents} csv={csv} />
        </>
      )}
    </>
  );
}

/** The server says what the user may do here; the page keeps no copy of the roles. */
export function Outcomes(_props: { user: User }) {
  const { data, error } = useQuery({ queryKey: ["outcome-actions"], queryFn: api.outcomeActions });
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  const reads = data.actions.includes("readStatistics");
  const exports = data.actions.includes("researchExport");
  return (
    <section>
      <Title order={1}>Outcomes</Title>
      {reads && <Report />}
      {exports && (
        <>
          <Title order={2}>Research export</Title>
          <p>
            De-identified: subjects are pseudonyms, dates are shifted by one offset per patient, and records
            without a research consent in force are left out.
          </p>
          <p>
            <a href="/api/research/export?format=csv">Download CSV</a> ·{" "}
            <a href="/api/research/export?format=json">Download JSON</a>
          </p>
        </>
      )}
    </section>
  );
}
