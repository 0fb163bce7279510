/** A small path router over the History API: the app has a handful of pages and no nested layouts. */
import { type MouseEvent, type ReactNode, createElement, useEffect, useState } from "react";

export function navigate(to: string): void {
  if (to === location.pathname + location.search) return;
  history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const on = () => setPath(location.pathname + location.search);
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  return path;
}

/** An anchor that moves within the app without a page load (and still opens in a new tab). */
export function Link({ to, children }: { to: string; children: ReactNode }) {
  return createElement(
    "a",
    {
      href: to,
      onClick: (e: MouseEvent) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      },
    },
    children,
  );
}
