import { Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type SignedIn, api } from "../api";
import { ErrorNote, whenExact } from "../components";
import { FrequencySets, readsFrequencies } from "./reference/FrequencySets";

export function ReferencePage({ user }: { user: SignedIn }) {
  const { data, error } = useQuery({ queryKey: ["reference"], queryFn: api.reference });
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  return (
    <section>
      <Title order={1}>Reference data</Title>
      <dl>
        <dt>IMGT/HLA release</dt>
        <dd>
          {data.hla
            ? `${data.hla.version} (loaded in ${data.hla.loadMs} ms)`
            : "none loaded: HLA checks and searches are off"}
        </dd>
        <dt>NMDP MAC file</dt>
        <dd>
          {data.macs ? `${data.macs.count.toLocaleString("en")} codes, dated ${data.macs.updated}` : "none"}
        </dd>
        <dt>Search index</dt>
        <dd>
          {data.search
            ? `${data.search.adults.toLocaleString("en")} adult donors, ${data.search.cords.toLocaleString("en")} cord units, loaded ${whenExact(data.search.loadedAt)} in ${Math.round(data.search.loadMs)} ms`
            : "not loaded"}
        </dd>
      </dl>
      <p>
        ISBT 128 product descriptions come from your own licensed table (import it with{" "}
        <code>cradle product descriptions import</code>).
      </p>
      {readsFrequencies(user) && <FrequencySets user={user} />}
    </section>
  );
}
