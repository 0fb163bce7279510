/** A plan's doses against their windows, with live countdowns, the orders' arithmetic and the forms. */
import { Table, Title } from "@mantine/core";
import { Link } from "react-router";
import type { ReservedProduct } from "../../../bank/reserved-schemas.js";
import type { PlanRecord } from "../../../therapy/schemas.js";
import { type User, api } from "../../api";
import { Countdown, Form, ListTable, RecordAudit, sci, when } from "../../components";
import { OrderDose } from "./OrderDose";

/** A plan's doses and orders; its forms are the actions the server says this user may take on it now. */
export function PlanView({
  plan,
  reserved,
  reload,
  user,
}: { plan: PlanRecord; reserved: readonly ReservedProduct[]; reload: () => void; user: User }) {
  const may = (a: PlanRecord["actions"][number]) => plan.actions.includes(a);
  return (
    <div className="plan" data-plan={plan.id}>
      <Title order={3}>
        {plan.protocolId} v{plan.protocolVersion} <span className={`status ${plan.state}`}>{plan.state}</span>
      </Title>
      <p>
        Enrolled {when(plan.enrolledAt)} by {plan.enrolledBy}; consent {plan.consentRef} ({plan.consentBy})
        {plan.day0 ? `; day 0 ${when(plan.day0)}` : ""}
        {plan.conditioningFrom ? `; conditioning from ${when(plan.conditioningFrom)}` : ""}
      </p>
      {plan.allocation && (
        <p className="allocation">
          Randomised to <b>{plan.allocation.arm}</b> ({plan.allocation.title}) on{" "}
          {when(plan.allocation.randomisedAt)}, allocation {plan.allocation.reference}
          {plan.allocation.receivesCells
            ? ""
            : ". This arm receives no cells: no dose is scheduled or ordered."}
        </p>
      )}
      {plan.doses.length > 0 && (
        <ListTable className="list doses" head={["Dose", "Window", "State", "Order"]}>
          <Table.Tbody>
            {plan.doses.map((d) => {
              const order = [...plan.orders]
                .reverse()
                .find((o) => o.doseNumber === d.number && o.state !== "cancelled");
              return (
                <Table.Tr key={d.number} data-dose={d.number}>
                  <Table.Td className="num">{d.number}</Table.Td>
                  <Table.Td>
                    {when(d.earliest)} – {when(d.latest)}
                  </Table.Td>
                  <Table.Td>
                    <span className={`dose ${d.state}`}>{d.state}</span>{" "}
                    {d.state === "due" && <Countdown until={d.latest} />}
                    {d.state === "upcoming" && <Countdown until={d.earliest} label="opens" />}
                    {d.missedReason ? ` (${d.missedReason})` : ""}
                  </Table.Td>
                  <Table.Td>
                    {order ? (
                      <>
                        <span className="mono">{order.productId}</span>: draw <b>{order.drawMl} mL</b> (
                        {sci(order.deliveredPerKg)} cells/kg, {order.state})
                        <br />
                        <small>{order.arithmetic}</small>
                        {order.given && (
                          <>
                            <br />
                            <b>
                              Given {order.given.volumeMl} mL = {sci(order.given.perKg)} cells/kg
                            </b>{" "}
                            (ordered {sci(order.deliveredPerKg)}) <small>{order.given.arithmetic}</small>
                          </>
                        )}
                        <br />
                        <small className="mono">order {order.id}</small>
                        {order.replacesId && <small> replaces {order.replacesId}</small>}
                        {order.exceptionReason && (
                          <>
                            <br />
                            <small className="signature">Signed exception: {order.exceptionReason}</small>
                          </>
                        )}
                        {may("bedside") && (order.state === "ordered" || order.state === "verified") ? (
                          <>
                            {" "}
                            <Link to={`/bedside?plan=${plan.id}&order=${order.id}`}>Bedside check</Link>
                          </>
                        ) : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ListTable>
      )}
      <div className="columns">
        {may("orderDose") && <OrderDose plan={plan} reserved={reserved} user={user} reload={reload} />}
        {may("recordMissed") && (
          <Form
            title="Record a dose as not given"
            button="Record"
            fields={[
              { name: "number", label: "Dose", type: "number" },
              { name: "reason", label: "Reason" },
            ]}
            onSubmit={async (body) => {
              await api.recordMissed(plan.id, Number(body.number), String(body.reason ?? ""));
              reload();
              return undefined;
            }}
          />
        )}
      </div>
      <RecordAudit
        title="Plan audit history"
        heading={3}
        queryKey={["patient", plan.mrn, "plan", plan.id]}
        load={() => api.planAudit(plan.id)}
      />
    </div>
  );
}
