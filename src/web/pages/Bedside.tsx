/**
 * The bedside check: scan the baby's wristband and the bag's DIN and product code, two people give their
 * passwords, and the server checks everything against the order. A mismatch shows DO NOT GIVE with every
 * reason (and is recorded); a passed check opens the infusion record.
 */
import { Alert, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { RuleResult } from "../../contract/rules.js";
import type { BedsideCheck } from "../../therapy/schemas.js";
import { ApiError, type User, api } from "../api";
import { Countdown, ErrorNote, Form, Rules, coSignerCode, credentialsOf, whenExact } from "../components";
import { REACTION_SEVERITIES } from "../therapy-choices";

const num = (v: unknown) => (v === undefined || v === "" ? undefined : Number(v));

export function Bedside({ user }: { user: User }) {
  const [params] = useSearchParams();
  const planId = params.get("plan") ?? "";
  const orderId = params.get("order") ?? "";
  const { data: plan, error } = useQuery({ queryKey: ["plan", planId], queryFn: () => api.plan(planId) });
  const [blocked, setBlocked] = useState<RuleResult[]>();
  const [passed, setPassed] = useState<BedsideCheck>();
  const [infused, setInfused] = useState("");
  if (error) return <ErrorNote error={error} />;
  if (!plan) return <p className="loading">Loading…</p>;
  const order = plan.orders.find((o) => o.id === orderId);
  if (!order)
    return (
      <Alert color="red" className="error">
        No order {orderId} in plan {planId}.
      </Alert>
    );
  const dose = plan.doses.find((d) => d.number === order.doseNumber);
  // A passed check not yet used and not expired survives a reload: the server's openChecks names it.
  const open = plan.openChecks.find((k) => k.orderId === orderId);
  const shown = passed ?? plan.checks.find((k) => k.id === open?.checkId);
  return (
    <section className="bedside">
      <Title order={1}>Bedside check</Title>
      <p>
        Order: dose {order.doseNumber} of {plan.protocolId} for{" "}
        <Link to={`/patients/${plan.mrn}`}>{plan.mrn}</Link>, product{" "}
        <span className="mono">{order.productId}</span>, draw <b>{order.drawMl} mL</b>.{" "}
        {dose && dose.state === "due" && <Countdown until={dose.latest} />}
      </p>
      {!shown && !plan.actions.includes("bedside") && (
        <Alert color="gray" role="note">
          You may not check this order at the bedside now.
        </Alert>
      )}
      {!shown && plan.actions.includes("bedside") && (
        <Form
          title="Scan and sign"
          button="Check"
          initial={{ administeredBy: user.username }}
          fields={[
            { name: "wristband", label: "Wristband", scan: true },
            { name: "din", label: "DIN", scan: true },
            { name: "productCode", label: "Product code", scan: true },
            { name: "administeredBy", label: "Administering: user" },
            { name: "administeredPassword", label: "password", type: "password" },
            coSignerCode("administeredCode"),
            { name: "verifiedBy", label: "Verifying: user" },
            { name: "verifiedPassword", label: "password", type: "password" },
            coSignerCode("verifiedCode"),
          ]}
          onSubmit={async (b) => {
            setBlocked(undefined);
            try {
              const r = await api.bedsideCheck({
                orderId,
                wristband: b.wristband ?? "",
                din: b.din ?? "",
                productCode: b.productCode ?? "",
                administeredBy: credentialsOf(
                  b,
                  "administeredBy",
                  "administeredPassword",
                  "administeredCode",
                ),
                verifiedBy: credentialsOf(b, "verifiedBy", "verifiedPassword", "verifiedCode"),
              });
              setPassed(r.check);
              return "checked: every rule passed, both signatures recorded";
            } catch (e) {
              if (e instanceof ApiError && e.code === "BEDSIDE_BLOCKED") {
                setBlocked((e.details?.results as RuleResult[]) ?? []);
                return "";
              }
              throw e;
            }
          }}
        />
      )}
      {blocked && (
        <Alert color="red" variant="outline" className="blocked" role="alert" my="sm">
          <Title order={2}>DO NOT GIVE</Title>
          <p>The check found a mismatch. It has been recorded in the audit trail.</p>
          <Rules results={blocked} />
        </Alert>
      )}
      {shown && (
        <>
          {/* biome-ignore lint/a11y/useSemanticElements: Mantine's Alert is a div; the status role announces it. */}
          <Alert color="green" variant="outline" className="passed" role="status" my="sm">
            <Title order={2}>Check passed</Title>
            <p>
              Administered by {shown.administeredBy}, verified by {shown.verifiedBy} at{" "}
              {whenExact(shown.checkedAt)}.
              {open?.checkId === shown.id && <> Good until {whenExact(open.expiresAt)}.</>}
            </p>
            <Rules results={shown.results} />
          </Alert>
          {infused ? (
            <p className="ok">{infused}</p>
          ) : (
            <Form
              title="Infusion record"
              button="Record infusion"
              initial={{ volumeMl: String(order.drawMl) }}
              fields={[
                { name: "startedAt", label: "Started (blank: now)", type: "datetime" },
                { name: "endedAt", label: "Ended (blank: now)", type: "datetime" },
                { name: "volumeMl", label: "Volume given (mL)", type: "number" },
                { name: "location", label: "Where (unit and bed)" },
                { name: "hrBefore", label: "Heart rate before", type: "number" },
                { name: "rrBefore", label: "Resp. rate before", type: "number" },
                { name: "spo2Before", label: "SpO2 % before", type: "number" },
                { name: "tempBefore", label: "Temp °C before", type: "number" },
                { name: "hrAfter", label: "Heart rate after", type: "number" },
                { name: "rrAfter", label: "Resp. rate after", type: "number" },
                { name: "spo2After", label: "SpO2 % after", type: "number" },
                { name: "tempAfter", label: "Temp °C after", type: "number" },
                { name: "reaction", label: "Reaction (blank: none)" },
                {
                  name: "severity",
                  label: "Severity",
                  options: [...REACTION_SEVERITIES],
                },
                { name: "overrideReason", label: "Above the order: reason (blank: none)" },
                { name: "physician", label: "Above the order: physician's user" },
                { name: "physicianPassword", label: "physician's password", type: "password" },
                coSignerCode("physicianCode", "physician's authenticator code (if enrolled)"),
              ]}
              onSubmit={async (b) => {
                const vitals = (when: "Before" | "After") => ({
                  heartRate: num(b[`hr${when}`]),
                  respiratoryRate: num(b[`rr${when}`]),
                  spo2: num(b[`spo2${when}`]),
                  temperatureC: num(b[`temp${when}`]),
                });
                const i = await api.recordInfusion({
                  checkId: shown.id,
                  startedAt: b.startedAt,
                  endedAt: b.endedAt,
                  volumeMl: num(b.volumeMl),
                  location: b.location ?? "",
                  vitalsBefore: vitals("Before"),
                  vitalsAfter: vitals("After"),
                  reactions: b.reaction ? [{ description: b.reaction, severity: b.severity ?? "" }] : [],
                  ...(b.overrideReason
                    ? {
                        override: {
                          reason: b.overrideReason,
                          physician: credentialsOf(b, "physician", "physicianPassword", "physicianCode"),
                        },
                      }
                    : {}),
                });
                const message = `infused ${i.volumeMl} mL of ${i.productId}; the product is infused and its custody closed`;
                setInfused(message);
                return message;
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
