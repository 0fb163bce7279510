/**
 * The dashboard's expedited reports (21 CFR 312.32) not yet submitted: overdue first with the days past
 * due, then those due with the days left. The server decides who may read them and computes the clock.
 */
import type { OpenReports } from "../../outcomes/schemas";
import { ApiError, api } from "../api";
import { ErrorNote, utcDay } from "../components";
import { Link } from "../router";
import { useLoad } from "../use-load";

const days = (n: number | null) => `${n ?? 0} day${n === 1 ? "" : "s"}`;

export function ExpeditedReports() {
  const { data, error } = useLoad<OpenReports>(() => api.openReports(), []);
  if (error instanceof ApiError && error.code === "FORBIDDEN") return null;
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="loading">Loading…</p>;
  if (data.items.length === 0) return null;
  return (
    <>
      <h2>Expedited reports to submit</h2>
      <table className="list expedited">
        <thead>
          <tr>
            <th>Patient</th>
            <th>Event</th>
            <th>Grade</th>
            <th>Due</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((r) => (
            <tr key={r.id} className={r.report.state}>
              <td>
                <Link to={`/patients/${r.mrn}`}>{r.mrn}</Link>
              </td>
              <td>{r.term}</td>
              <td className="num">{r.grade}</td>
              <td>{utcDay(r.reportDueAt)}</td>
              <td>
                {r.report.state === "overdue"
                  ? `overdue by ${days(r.report.days)}`
                  : `${days(r.report.days)} left`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
