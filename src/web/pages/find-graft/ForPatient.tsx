/**
 * Find a graft opened from a patient's record (/find-graft?patient=MRN): the form starts from the record's
 * typing, latest weight and antibodies, the page says whose search it is, and the search can be kept as a
 * report on the record. The server runs a kept search itself; the page sends only the criteria.
 */
import { Alert, Button, Group, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { SearchRequest } from "../../../search/schemas";
import type { PatientRecord } from "../../../therapy/schemas";
import { api } from "../../api";
import { ErrorNote, fieldError } from "../../components";
import type { Fields } from "./SearchForm";

/** The search form's fields as the record gives them; what the record lacks stays for the user to fill. */
export function fieldsFromRecord(r: PatientRecord): Partial<Fields> {
  const latest = [...r.weights].sort((a, b) => a.measuredAt.localeCompare(b.measuredAt)).at(-1);
  const grams = latest?.grams ?? r.patient.birthWeightGrams;
  return {
    typing: r.patient.hla ?? "",
    weightGrams: String(Math.round(grams)),
    // The program's indications (genetic disorders, brain injury, prematurity) are non-malignant.
    diagnosis: "nonmalignant",
    antibodies: r.patient.antibodies.map((a) => a.specificity).join(", "),
  };
}

export function usePatientContext(mrn: string | null) {
  return useQuery({
    queryKey: ["patient", mrn],
    queryFn: () => api.patient(mrn ?? ""),
    enabled: mrn !== null,
  });
}

export function ForPatient({
  record,
  request,
}: {
  record: PatientRecord;
  /** The search as last run on this page, or undefined before the first search. */
  request: SearchRequest | undefined;
}) {
  const p = record.patient;
  const navigate = useNavigate();
  const [note, setNote] = useState("");
  const keep = useMutation({
    mutationFn: (search: SearchRequest) => {
      const { offset: _from, limit: _page, ...criteria } = search;
      return api.keepSearchReport(p.mrn, { search: criteria, ...(note.trim() ? { note: note.trim() } : {}) });
    },
    onSuccess: (report) => {
      notifications.show({ color: "green", message: `Search kept on ${p.mrn}'s record.` });
      navigate(`/search-reports/${report.id}`);
    },
  });
  return (
    <Alert color="blue" variant="light" mb="md" title={`Searching for ${p.familyName}, ${p.givenName}`}>
      <Text size="sm">
        <Link to={`/patients/${encodeURIComponent(p.mrn)}`} className="mono">
          {p.mrn}
        </Link>{" "}
        · {p.diagnosis} · typing, latest weight and antibodies taken from the record
        {p.hla ? "" : " (the record has no HLA typing: enter it below)"}
      </Text>
      {request && (
        <Group align="end" mt="sm">
          <TextInput
            name="note"
            label="Note for the report"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError(keep.error, "note")}
            w={360}
          />
          <Button
            type="button"
            variant="default"
            loading={keep.isPending}
            onClick={() => keep.mutate(request)}
          >
            Keep as a search report
          </Button>
        </Group>
      )}
      <ErrorNote error={keep.error} />
    </Alert>
  );
}
