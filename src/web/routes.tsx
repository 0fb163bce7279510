/**
 * Every page of the app in one table: its path, its title, its component, and who sees it in the
 * navigation. The shell looks the current path up here and draws the navigation from it; a path the
 * table does not know shows the not-found page.
 */
import type { ReactElement } from "react";
import type { Area, SignedIn } from "./api";
import { Account } from "./pages/Account";
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
import { UsersPage } from "./pages/Users";

export interface Route {
  /** An exact path, or a prefix and one "/:name" parameter that takes the rest of the path (decoded). */
  path: string;
  /** The navigation's label and the window's title. */
  title: string;
  /**
   * Who sees it in the navigation: everyone, or those the server lets read this area (the session lists
   * them), so nobody is shown a link that only answers FORBIDDEN. Absent, reached through links only.
   */
  nav?: "everyone" | Area;
  /** The page; `param` is the path's parameter ("" for an exact path). */
  /** `onUser` replaces the session's user when a page changes it (the Account page's enrolment). */
  page: (p: { user: SignedIn; param: string; onUser: (u: SignedIn) => void }) => ReactElement;
}

/** In navigation order. */
export const ROUTES: readonly Route[] = [
  { path: "/", title: "Dashboard", nav: "everyone", page: ({ user }) => <Dashboard user={user} /> },
  { path: "/patients", title: "Patients", nav: "patients", page: () => <Patients /> },
  {
    path: "/patients/:mrn",
    title: "Patient",
    page: ({ user, param }) => <PatientPage mrn={param} user={user} />,
  },
  { path: "/bedside", title: "Bedside check", page: ({ user }) => <Bedside user={user} /> },
  { path: "/inventory", title: "Inventory", nav: "bank", page: () => <Inventory /> },
  {
    path: "/products/:din",
    title: "Product",
    page: ({ user, param }) => <ProductPage din={param} user={user} />,
  },
  { path: "/register", title: "Register a product", page: () => <Register /> },
  {
    path: "/find-graft",
    title: "Find a graft",
    nav: "search",
    page: ({ user }) => <FindGraft user={user} />,
  },
  { path: "/outcomes", title: "Outcomes", nav: "outcomes", page: ({ user }) => <Outcomes user={user} /> },
  { path: "/audit", title: "Audit", nav: "audit", page: () => <AuditPage /> },
  { path: "/users", title: "Users", nav: "users", page: () => <UsersPage /> },
  { path: "/reference", title: "Reference data", nav: "everyone", page: () => <ReferencePage /> },
  {
    path: "/account",
    title: "Account",
    nav: "everyone",
    page: ({ user, onUser }) => <Account user={user} onUser={onUser} />,
  },
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
export function navFor(user: SignedIn): Route[] {
  return ROUTES.filter(({ nav }) => nav === "everyone" || (nav !== undefined && user.areas.includes(nav)));
}
