/** A rule list's results (eligibility, the bedside check): each rule passed or failed, with its reason. */
import type { RuleResult } from "../../contract/rules.js";
import { localTimesIn } from "./format";

export function Rules({ results }: { results: RuleResult[] }) {
  return (
    <ul className="rules">
      {results.map((r) => (
        <li key={r.rule + r.reason} className={r.passed ? "pass" : "fail"}>
          <b>
            {r.passed ? "✓" : "✗"} {r.rule}
          </b>{" "}
          {localTimesIn(r.reason)}
        </li>
      ))}
    </ul>
  );
}
