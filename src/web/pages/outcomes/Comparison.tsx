/**
 * The comparison the user chooses: a grouping, and the one population it is made in (a protocol or an
 * indication; all treated plans are shown but never tested against each other). The tests print with their
 * groups named, their sizes, and the groups too small to test.
 */
import { Group, NativeSelect } from "@mantine/core";
import type { GroupTest } from "../../../outcomes/comparison-schemas";
import type { ReportQuery } from "../../../outcomes/comparison-schemas";
import { GROUPINGS, GROUPING_LABELS, INDICATIONS, PROTOCOLS } from "../../outcome-choices";

const populationOf = (q: ReportQuery) =>
  q.protocol ? `protocol:${q.protocol}` : q.indication ? `indication:${q.indication}` : "";

export function ComparisonChoice({
  query,
  onChange,
}: {
  query: ReportQuery;
  onChange: (q: ReportQuery) => void;
}) {
  return (
    <Group
      component="form"
      className="comparison"
      aria-label="Compare groups"
      onSubmit={(e) => e.preventDefault()}
      align="end"
      gap="sm"
      mb="sm"
    >
      <NativeSelect
        name="population"
        label="Population"
        value={populationOf(query)}
        onChange={(e) => {
          const [kind, value] = e.currentTarget.value.split(":");
          const { protocol: _p, indication: _i, ...rest } = query;
          if (kind === "protocol") onChange({ ...rest, protocol: value as ReportQuery["protocol"] });
          else if (kind === "indication")
            onChange({ ...rest, indication: value as ReportQuery["indication"] });
          else onChange(rest);
        }}
        data={[
          { value: "", label: "All treated patients (described, not tested)" },
          { group: "One protocol", items: PROTOCOLS.map((p) => ({ value: `protocol:${p}`, label: p })) },
          {
            group: "One indication",
            items: INDICATIONS.map((i) => ({ value: `indication:${i}`, label: i })),
          },
        ]}
      />
      <NativeSelect
        name="groupBy"
        label="Compare by"
        value={query.groupBy ?? "protocol"}
        onChange={(e) => onChange({ ...query, groupBy: e.currentTarget.value as ReportQuery["groupBy"] })}
        data={GROUPINGS.map((g) => ({ value: g, label: GROUPING_LABELS[g] }))}
      />
    </Group>
  );
}

const TEST_NAMES = { "log-rank": "Log-rank test", gray: "Gray's test" } as const;

/** One test: its name, the groups compared with their sizes, and χ², df and p, or why there is none. */
export function TestResult({ test, testId }: { test: GroupTest; testId: string }) {
  return (
    <div className="test-result" data-testid={testId}>
      <p>
        <strong>{TEST_NAMES[test.test]}</strong>
        {test.groups.length > 0 && (
          <>
            {" of "}
            {test.groups.map((g, i) => (
              <span key={g.group}>
                {i > 0 && " vs "}
                <em>{g.group}</em> (n = {g.subjects}, {g.events} events)
              </span>
            ))}
          </>
        )}
        {": "}
        {test.result
          ? `χ² = ${test.result.stat.toFixed(3)} on ${test.result.df} df, p = ${test.result.p.toFixed(4)}`
          : test.reason}
      </p>
      {test.tooFew.length > 0 && (
        <p className="muted" data-testid={`${testId}-too-few`}>
          Not tested, too few subjects: {test.tooFew.map((g) => `${g.group} (n = ${g.subjects})`).join(", ")}
        </p>
      )}
    </div>
  );
}
