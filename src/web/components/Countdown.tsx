/** A live countdown to a dose window's close: the bedside works against it, so it ticks every second. */
import { useEffect, useState } from "react";
import { formatSpan } from "./format";

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** "closes in 1 d 04:12:09", or "closed 00:10:00 ago" once past; urgent under 6 hours. */
export function Countdown({ until, label = "closes" }: { until: string; label?: string }) {
  const now = useNow();
  const left = Date.parse(until) - now;
  const cls = left < 0 ? "countdown overdue" : left < 6 * 3_600_000 ? "countdown urgent" : "countdown";
  return (
    <span className={cls} data-testid="countdown">
      {left < 0
        ? `${label === "opens" ? "opened" : "closed"} ${formatSpan(left)} ago`
        : `${label} in ${formatSpan(left)}`}
    </span>
  );
}
