/**
 * Every page of the app in one table: its path, its title, its component, and who sees it in the
 * navigation. The shell looks the current path up here and draws the navigation from it; a path the
 * table does not know shows the not-found page.
 */
import type { ReactElement } from "react";
import type { Role, User } from "./api";
import { AuditPage } from "./pages/Audit";
import { Bedside } from "./pages/Bedside";
import { Dashboard } from "./pages/Dashboard";
import { FindGraft } from "./pages/FindGraft";
import { Inventory } from "./pages/Inventory";
import { NotFound } from "./pages/NotFound";
import { Outcomes } from "./pages/Outcomes";
import { PatientPage } from "./pages/Patient";
import { Patients } from "./pages/Patients";
import { ProductPage } from "./pages/Product";
import { ReferencePage } from "./pages/Reference";
import { Register } from "./pages/Register";

export interface Route {
  /** An exact path, or a prefix and one "/:name" parameter that takes the rest of the path (decoded). */
  path: string;
  /** The navigation's label and the window's title. */
  title: string;
  /** Who sees it in the navigation; absent, the page is reached through links only. */
  nav?: "everyone" | readonly Role[];
  /** The page; `param` is the path's parameter ("" for an exact path). */
  page: (p: { user: User; param: string }) => ReactElement;
}

// The navigation offers an area to the roles the server lets read it (src/server/access.ts), so nobody
// is shown a link that only answers FORBIDDEN. The server still checks every call.
const READ_PATIENTS: readonly Role[] = ["physician", "nurse", "coordinator", "quality-manager", "auditor"];
const READ_BANK: readonly Role[] = [
  "lab-technologist",
  "physician",
  "coordinator",
  "quality-manager",
  "auditor",
];
const SEARCH: readonly Role[] = ["physician", "coordinator"];
/** Outcome readers, and the researchers who take the de-identified export from the same page. */
const OUTCOMES: readonly Role[] = [...READ_PATIENTS, "researcher"];
const READ_AUDIT: readonly Role[] = ["auditor", "quality-manager", "admin"];

/** In navigation order. */
export const ROUTES: readonly Route[] = [
  { path: "/", title: "Dashboard", nav: "everyone", page: ({ user }) => <Dashboard user={user} /> },
  { path: "/patients", title: "Patients", nav: READ_PATIENTS, page: () => <Patients /> },
  {
    path: "/patients/:mrn",
    title: "Patient",
    page: ({ user, param }) => <PatientPage mrn={param} user={user} />,
  },
  { path: "/bedside", title: "Bedside check", page: ({ user }) => <Bedside user={user} /> },
  { path: "/inventory", title: "Inventory", nav: READ_BANK, page: () => <Inventory /> },
  {
    path: "/products/:din",
    title: "Product",
    page: ({ user, param }) => <ProductPage din={param} user={user} />,
  },
  { path: "/register", title: "Register a product", page: () => <Register /> },
  { path: "/find-graft", title: "Find a graft", nav: SEARCH, page: ({ user }) => <FindGraft user={user} /> },
  { path: "/outcomes", title: "Outcomes", nav: OUTCOMES, page: ({ user }) => <Outcomes user={user} /> },
  { path: "/audit", title: "Audit", nav: READ_AUDIT, page: () => <AuditPage /> },
  { path: "/reference", title: "Reference data", nav: "everyone", page: () => <ReferencePage /> },
];

const NOT_FOUND: Route = { path: "", title: "Not found", page: ({ param }) => <NotFound path={param} /> };

/** The path's parameter if the route takes this path ("" for an exact path), else undefined. */
function paramOf(route: Route, pathname: string): string | undefined {
  const at = route.path.indexOf("/:");
  if (at < 0) return route.path === pathname ? "" : undefined;
  const prefix = route.path.slice(0, at + 1);
  if (!pathname.startsWith(prefix) || pathname.length === prefix.length) return undefined;
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return undefined; // a malformed escape ("%E0") is no address of ours
  }
}

/** The route for a path (without its query); the not-found page, given the path, when none takes it. */
export function routeFor(pathname: string): { route: Route; param: string } {
  for (const route of ROUTES) {
    const param = paramOf(route, pathname);
    if (param !== undefined) return { route, param };
  }
  return { route: NOT_FOUND, param: pathname };
}

/** The routes this user sees in the navigation, in order. */
export function navFor(user: User): Route[] {
  return ROUTES.filter(
    ({ nav }) => nav === "everyone" || (nav ?? []).some((role) => user.roles.includes(role)),
  );
}
