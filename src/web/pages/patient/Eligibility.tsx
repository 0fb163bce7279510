/** Checking the patient against each protocol's rules, and enrolling when the server allows. */
import { Button, Title } from "@mantine/core";
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
  const active = protocols.filter((x) => x.active && x.current).map((x) => x.protocol.id);
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
        <Form
          title="Enrol (needs the parents' treatment consent, recorded below)"
          button="Enrol"
          fields={[
            { name: "protocol", label: "Protocol (activated)", options: active },
            { name: "day0", label: "Day 0 (transplants)", type: "datetime" },
          ]}
          onSubmit={async (body) => {
            if (!body.day0 || String(body.protocol) !== "allogeneic-cord-blood-transplant")
              body.day0 = undefined;
            await api.enrol({ ...body, mrn: mrn });
            reload();
            return undefined;
          }}
        />
      )}
    </>
  );
}
