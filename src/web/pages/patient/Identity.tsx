/** Who the patient is, as recorded at registration. */
import { Title } from "@mantine/core";
import type { Patient } from "../../../therapy/schemas.js";
import { when } from "../../components";

export function Identity({ p }: { p: Patient }) {
  return (
    <>
      <Title order={2}>Identity</Title>
      <dl>
        <dt>Born</dt>
        <dd>
          {when(p.birthAt)} (recorded at {p.birthOffset})
        </dd>
        <dt>Sex</dt>
        <dd>{p.sex}</dd>
        <dt>Gestational age</dt>
        <dd>
          {p.gestationalWeeks}+{p.gestationalDays} weeks
        </dd>
        <dt>Birth weight</dt>
        <dd>{p.birthWeightGrams} g</dd>
        <dt>Mother</dt>
        <dd>{p.motherMrn ?? "—"}</dd>
        <dt>Diagnosis</dt>
        <dd>
          {p.icd10} {p.diagnosis} ({p.indication})
        </dd>
        <dt>HLA</dt>
        <dd className="mono">{p.hla ?? "—"}</dd>
        <dt>Antibodies</dt>
        <dd>
          {p.antibodies.length
            ? p.antibodies.map((a) => `${a.specificity} (MFI ${a.mfi ?? "?"})`).join(", ")
            : "none recorded"}
        </dd>
        <dt>Cord blood collected</dt>
        <dd>{p.cordBloodCollectedMl === null ? "—" : `${p.cordBloodCollectedMl} mL`}</dd>
        <dt>Respiratory support</dt>
        <dd>{p.respiratorySupport ?? "—"}</dd>
      </dl>
    </>
  );
}

/** The wristband's label, to check at sight and to print. */
export function Wristband({ mrn }: { mrn: string }) {
  return (
    <>
      <Title order={2}>Wristband</Title>
      <img
        className="wristband"
        src={`/api/patients/${encodeURIComponent(mrn)}/wristband.svg`}
        alt={`wristband of ${mrn}`}
      />
      <p>
        <a href={`/api/patients/${encodeURIComponent(mrn)}/wristband.svg`} target="_blank" rel="noreferrer">
          Open to print
        </a>
      </p>
    </>
  );
}
