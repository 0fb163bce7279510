/** Find a graft for a baby: the patient's HLA checked as it is typed, then ranked cord units or donors. */
import { useState } from "react";
import type { SearchHit, SearchRequest, SearchResult } from "../../search/schemas";
import { type SignedIn, api } from "../api";
import { ErrorNote } from "../components";
import { navigate } from "../router";
import { PAGE, Results } from "./find-graft/Results";
import { type Fields, SearchForm } from "./find-graft/SearchForm";

export function FindGraft({ user }: { user: SignedIn }) {
  const [fields, setFields] = useState<Fields>({
    typing: "",
    kind: "cord",
    weightGrams: "",
    diagnosis: "nonmalignant",
    antibodies: "",
  });
  const { typing, kind, weightGrams, diagnosis, antibodies } = fields;
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<SearchResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [reserved, setReserved] = useState("");

  const run = async (at: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const body: SearchRequest = { patientTyping: typing.trim(), kind, limit: PAGE, offset: at };
      if (kind === "cord") {
        body.weightGrams = Number(weightGrams);
        body.diagnosis = diagnosis === "malignant" ? "malignant" : "nonmalignant";
      }
      const abs = antibodies
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (abs.length) body.antibodies = abs;
      setResult(await api.search(body));
      setOffset(at);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Whoever may search may reserve a unit it finds (src/server/areas.int.test.ts holds the server to it).
  const canReserve = user.areas.includes("search");
  const reserve = async (h: SearchHit) => {
    const patientId = prompt("Reserve for which patient (id)?");
    if (!patientId) return;
    try {
      await api.step(h.id, "reservation", { patientId, reason: `search: ${h.reason}` });
      setReserved(`Unit ${h.id} reserved for ${patientId}.`);
      navigate(`/products/${h.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>Find a graft for a baby</h1>
      <SearchForm
        fields={fields}
        set={(f) => setFields((old) => ({ ...old, ...f }))}
        busy={busy}
        onSearch={() => void run(0)}
      />
      <ErrorNote error={error} />
      {reserved && <p className="ok">{reserved}</p>}
      {result && (
        <Results
          result={result}
          kind={kind}
          offset={offset}
          busy={busy}
          run={(at) => void run(at)}
          {...(canReserve ? { reserve } : {})}
        />
      )}
    </section>
  );
}
