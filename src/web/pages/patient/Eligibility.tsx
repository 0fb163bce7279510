/** Checking the patient against each protocol's rules, and enrolling when the server allows. */
import { Button, List, NativeSelect, Stack, Title } from "@mantine/core";
import { useState } from "react";
import type { Eligibility as Answer, ProtocolStatus } from "../../../therapy/schemas.js";
import { api } from "../../api";
import { ErrorNote, Form, Rules } from "../../components";

export function Eligibility({
  mrn,
  protocols,
  mayEnrol,
  reload,
}: { mrn: string; protocols: ProtocolStatus[]; mayEnrol: boolean; reload: () => void }) {
  const [eligibility, setEligibility] = useState<Answer & { protocol: string }>();
  const [eligibilityError, setEligibilityError] = useState<unknown>();
  return (
    <>
      <Title order={2}>Eligibility and enrolment</Title>
      <p>
        {protocols.map((x) => (
          <Button
            key={x.protocol.id}
            type="button"
            variant="default"
            size="compact-sm"
            onClick={async () => {
              setEligibilityError(undefined);
              try {
                setEligibility({ protocol: x.protocol.id, ...(await api.eligibility(mrn, x.protocol.id)) });
              } catch (e) {
                setEligibilityError(e);
              }
            }}
          >
            Check {x.protocol.id}
          </Button>
        ))}
      </p>
      <ErrorNote error={eligibilityError} />
      {eligibility && (
        <div className="eligibility">
          <p>
            <b>{eligibility.protocol}</b>: {eligibility.eligible ? "eligible now" : "not eligible now"}
          </p>
          <Rules results={eligibility.results} />
        </div>
      )}
      {mayEnrol && (
        <Enrol mrn={mrn} protocols={protocols.filter((x) => x.active && x.current)} reload={reload} />
      )}
    </>
  );
}

/**
 * The enrolment form for the chosen protocol: day 0 for a transplant; the randomised arm, the
 * allocation's reference and its time for a randomised protocol (as the trial's randomisation gave them:
 * Cradle does not randomise, and an empty time is refused, never taken as now).
 */
function Enrol({ mrn, protocols, reload }: { mrn: string; protocols: ProtocolStatus[]; reload: () => void }) {
  const [chosen, setChosen] = useState("");
  const protocol = protocols.find((x) => x.protocol.id === chosen)?.protocol;
  const arms = protocol?.arms ?? [];
  return (
    <Stack gap="xs">
      <NativeSelect
        label="Protocol (activated)"
        value={chosen}
        onChange={(e) => setChosen(e.currentTarget.value)}
        data={[{ value: "", label: "—" }, ...protocols.map((x) => x.protocol.id)]}
      />
      {protocol && (
        <Form
          key={protocol.id}
          title={`Enrol on ${protocol.id} version ${protocol.version} (needs the parents' treatment consent, recorded below)`}
          button="Enrol"
          fields={[
            ...(protocol.conditioningDays !== undefined
              ? [
                  {
                    name: "day0",
                    label: "Day 0 (the transplant)",
                    type: "datetime" as const,
                    required: true,
                    whenEmpty: "omit" as const,
                  },
                ]
              : []),
            ...(arms.length > 0
              ? [
                  {
                    name: "allocation.arm",
                    label: "Randomised arm",
                    options: arms.map((a) => a.id),
                    required: true,
                  },
                  {
                    name: "allocation.reference",
                    label: "Allocation reference (from the randomisation)",
                    required: true,
                  },
                  {
                    name: "allocation.randomisedAt",
                    label: "Randomised at",
                    type: "datetime" as const,
                    required: true,
                    whenEmpty: "omit" as const,
                  },
                ]
              : []),
          ]}
          onSubmit={async (body) => {
            const {
              "allocation.arm": arm,
              "allocation.reference": reference,
              "allocation.randomisedAt": randomisedAt,
              ...rest
            } = body;
            const allocation = arms.length > 0 ? { arm, reference, randomisedAt } : undefined;
            await api.enrol({ ...rest, protocol: protocol.id, mrn, ...(allocation ? { allocation } : {}) });
            reload();
            return undefined;
          }}
        />
      )}
      {arms.length > 0 && (
        <List size="sm">
          {arms.map((a) => (
            <List.Item key={a.id}>
              <b>{a.id}</b>: {a.title}
              {a.receivesCells ? "" : " — no cells are ordered or given on this arm"}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
