/** The weights recorded (doses per kg use the latest), and the form to record one when the server allows. */
import type { Weight } from "../../../therapy/schemas.js";
import { api } from "../../api";
import { Form, utc } from "../../components";

export function Weights({
  mrn,
  weights,
  mayRecord,
  reload,
}: { mrn: string; weights: Weight[]; mayRecord: boolean; reload: () => void }) {
  return (
    <>
      <h2>Weights</h2>
      <table className="list">
        <tbody>
          {weights.map((w) => (
            <tr key={w.measuredAt}>
              <td>{utc(w.measuredAt)}</td>
              <td className="num">{w.grams} g</td>
              <td>{w.recordedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayRecord && (
        <Form
          title="Record a weight"
          button="Record weight"
          fields={[
            { name: "grams", label: "Grams", type: "number" },
            { name: "measuredAt", label: "Measured (blank: now)", type: "datetime" },
          ]}
          onSubmit={async (body) => {
            await api.recordWeight(mrn, Number(body.grams), String(body.measuredAt));
            reload();
            return undefined;
          }}
        />
      )}
    </>
  );
}
