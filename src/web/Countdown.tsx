/** A live countdown to a dose window's close: the bedside works against it, so it ticks every second. */
import { useEffect, useState } from "react";

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  return d > 0 ? `${d} d ${hms}` : hms;
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

export const sci = (n: number) => n.toExponential(2).replace(/e\+?(-?\d+)/, "×10^$1");
