/** Patients: find by MRN or name, and register a newborn. */
import { useState } from "react";
import { api } from "../api";
import { ErrorNote, Form } from "../components";
import { Link, navigate } from "../router";
import { INDICATIONS, RESPIRATORY_SUPPORT, SEXES } from "../therapy-choices";
import { useLoad } from "../use-load";

const PAGE = 25;

/** The register form shows when the server says this user may register patients. */
export function Patients() {
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const { data, error } = useLoad(() => api.patients({ search, limit: PAGE, offset }), [search, offset]);
  return (
    <section>
      <h1>Patients</h1>
      <label>
        Search by MRN or name{" "}
        <input
          name="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
        />
      </label>
      <ErrorNote error={error} />
      {data && (
        <>
          <table className="list">
            <thead>
              <tr>
                <th>MRN</th>
                <th>Name</th>
                <th>Born (UTC)</th>
                <th>GA</th>
                <th>Birth weight</th>
                <th>Diagnosis</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.mrn}>
                  <td className="mono">
                    <Link to={`/patients/${p.mrn}`}>{p.mrn}</Link>
                  </td>
                  <td>
                    {p.familyName}, {p.givenName}
                  </td>
                  <td>{p.birthAt.replace("T", " ").slice(0, 16)}</td>
                  <td>
                    {p.gestationalWeeks}+{p.gestationalDays}
                  </td>
                  <td className="num">{p.birthWeightGrams} g</td>
                  <td>
                    {p.icd10} {p.diagnosis}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="pager">
            {data.total} patients.{" "}
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous
            </button>{" "}
            <button
              type="button"
              disabled={offset + PAGE >= data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next
            </button>
          </p>
        </>
      )}
      {data?.actions.includes("registerPatient") && (
        <Form
          title="Register a patient"
          button="Register"
          fields={[
            { name: "mrn", label: "MRN" },
            { name: "givenName", label: "Given name" },
            { name: "familyName", label: "Family name" },
            { name: "birth", label: "Birth (ISO 8601 with zone)", placeholder: "2026-03-08T01:30:00-05:00" },
            { name: "sex", label: "Sex", options: [...SEXES] },
            { name: "gestationalWeeks", label: "GA weeks", type: "number" },
            { name: "gestationalDays", label: "GA days", type: "number" },
            { name: "birthWeightGrams", label: "Birth weight (g)", type: "number" },
            { name: "motherMrn", label: "Mother's MRN" },
            { name: "icd10", label: "ICD-10", placeholder: "P91.6" },
            { name: "indication", label: "Indication", options: [...INDICATIONS] },
            { name: "diagnosis", label: "Diagnosis" },
            { name: "hla", label: "HLA (GL string)" },
            { name: "cordBloodCollectedMl", label: "Cord blood collected (mL)", type: "number" },
            { name: "respiratorySupport", label: "Respiratory support", options: [...RESPIRATORY_SUPPORT] },
          ]}
          onSubmit={async (body) => {
            const p = await api.registerPatient(body);
            navigate(`/patients/${p.mrn}`);
            return `registered ${p.mrn}`;
          }}
        />
      )}
    </section>
  );
}
