/** Patients: find by MRN or name, and register a newborn. */
import { Button, Table, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../api";
import { ErrorNote, Form, ListTable, when } from "../components";
import { INDICATIONS, RESPIRATORY_SUPPORT, SEXES } from "../therapy-choices";

const PAGE = 25;

/** The register form shows when the server says this user may register patients. */
export function Patients() {
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const navigate = useNavigate();
  const { data, error } = useQuery({
    queryKey: ["patients", search, offset],
    queryFn: () => api.patients({ search, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <Title order={1}>Patients</Title>
      <TextInput
        name="search"
        label="Search by MRN or name"
        maw={360}
        mb="sm"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setOffset(0);
        }}
      />
      <ErrorNote error={error} />
      {data && (
        <>
          <ListTable className="list" head={["MRN", "Name", "Born", "GA", "Birth weight", "Diagnosis"]}>
            <Table.Tbody>
              {data.items.map((p) => (
                <Table.Tr key={p.mrn}>
                  <Table.Td className="mono">
                    <Link to={`/patients/${p.mrn}`}>{p.mrn}</Link>
                  </Table.Td>
                  <Table.Td>
                    {p.familyName}, {p.givenName}
                  </Table.Td>
                  <Table.Td>{when(p.birthAt)}</Table.Td>
                  <Table.Td>
                    {p.gestationalWeeks}+{p.gestationalDays}
                  </Table.Td>
                  <Table.Td className="num">{p.birthWeightGrams} g</Table.Td>
                  <Table.Td>
                    {p.icd10} {p.diagnosis}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ListTable>
          <p className="pager">
            {data.total} patients.{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous
            </Button>{" "}
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              disabled={offset + PAGE >= data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next
            </Button>
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
