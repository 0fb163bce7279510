/** Find a graft for a baby: the patient's HLA checked as it is typed, then ranked cord units or donors. */
import { Button, Group, Modal, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { SearchHit, SearchRequest, SearchResult } from "../../search/schemas";
import { type SignedIn, api } from "../api";
import { ErrorNote, PatientPicker } from "../components";
import { ForPatient, fieldsFromRecord, usePatientContext } from "./find-graft/ForPatient";
import { PAGE, Results } from "./find-graft/Results";
import { type Fields, SearchForm } from "./find-graft/SearchForm";

export function FindGraft({ user }: { user: SignedIn }) {
  const [fields, setFields] = useState<Fields>({
    typing: "",
    kind: "cord",
    weightGrams: "",
    diagnosis: "nonmalignant",
    antibodies: "",
    sortBy: "grade",
    minP8: "",
  });
  const { typing, kind, weightGrams, diagnosis, antibodies, sortBy, minP8 } = fields;
  // Opened from a patient's record: the form starts from the record, once it has loaded.
  const forMrn = useSearchParams()[0].get("patient");
  const context = usePatientContext(forMrn);
  useEffect(() => {
    if (context.data) setFields((old) => ({ ...old, ...fieldsFromRecord(context.data) }));
  }, [context.data]);
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<SearchResult>();
  const [asked, setAsked] = useState<SearchRequest>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

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
      // A cord-only order is not sent for adults; the least P(8/8) goes as typed (the server refuses a bad one).
      if (sortBy !== "grade" && !(sortBy === "pLe4" && kind !== "cord")) body.sortBy = sortBy;
      if (minP8.trim() !== "") body.minP8 = Number(minP8.trim());
      setResult(await api.search(body, context.data?.patient.mrn));
      setAsked(body);
      setOffset(at);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Whoever may search may reserve a unit it finds (src/server/areas.int.test.ts holds the server to it).
  const canReserve = user.areas.includes("search");
  // The unit chosen to reserve: a dialog asks for whom, and the product page opens once reserved.
  const [reserving, setReserving] = useState<SearchHit>();
  const [patientId, setPatientId] = useState("");
  const reservation = useMutation({
    mutationFn: (h: SearchHit) => api.step(h.id, "reservation", { patientId, reason: `search: ${h.reason}` }),
    onSuccess: (_r, h) => {
      notifications.show({ color: "green", message: `Unit ${h.id} reserved for ${patientId}.` });
      setReserving(undefined);
      navigate(`/products/${h.id}`);
    },
  });
  const reserve = (h: SearchHit) => {
    reservation.reset();
    setPatientId(context.data?.patient.mrn ?? "");
    setReserving(h);
  };
  return (
    <section>
      <Title order={1}>Find a graft for a baby</Title>
      <ErrorNote error={context.error} />
      {context.data && <ForPatient record={context.data} request={asked} />}
      <SearchForm
        fields={fields}
        set={(f) => setFields((old) => ({ ...old, ...f }))}
        busy={busy}
        onSearch={() => void run(0)}
      />
      <ErrorNote error={error} />
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
      <Modal
        closeButtonProps={{ "aria-label": "Close the dialog" }}
        opened={reserving !== undefined}
        onClose={() => setReserving(undefined)}
        title={`Reserve unit ${reserving?.id ?? ""}`}
      >
        <form
          aria-label="Reserve a unit"
          onSubmit={(e) => {
            e.preventDefault();
            if (reserving) reservation.mutate(reserving);
          }}
        >
          <Stack gap="sm">
            {/* The patient is chosen from the patient records, never typed. */}
            <PatientPicker
              value={patientId}
              onChange={setPatientId}
              error={reservation.error}
              {...(context.data ? { initialSearch: context.data.patient.mrn } : {})}
            />
            <Group>
              <Button type="submit" loading={reservation.isPending}>
                Reserve unit
              </Button>
            </Group>
            <ErrorNote error={reservation.error} />
          </Stack>
        </form>
      </Modal>
    </section>
  );
}
