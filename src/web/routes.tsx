/**
 * Every page of the app in one table: its path (React Router's pattern), its title, its component, and who
 * sees it in the navigation. The shell (App.tsx) makes the router's routes and the navigation from it; a
 * path the table does not know shows the not-found page. Pages other than the dashboard load on first visit
 * (their own chunks: recharts only with Outcomes, the search's tables only with Find a graft).
 */
import { type ComponentType, type LazyExoticComponent, type ReactElement, lazy } from "react";
import { useParams } from "react-router";
import type { Area, SignedIn } from "./api";
import { Dashboard } from "./pages/Dashboard";

/** What every page is given: the session's user, and how a page that changes it tells the shell. */
export interface PageProps {
  user: SignedIn;
  /** Replaces the session's user when a page changes it (the Account page's enrolment). */
  onUser: (u: SignedIn) => void;
}

export interface Route {
  /** React Router's pattern: an exact path, or one with a ":name" parameter. */
  path: string;
  /** The navigation's label and the window's title. */
  title: string;
  /**
   * Who sees it in the navigation: everyone, or those the server lets read this area (the session lists
   * them), so nobody is shown a link that only answers FORBIDDEN. Absent, reached through links only.
   */
  nav?: "everyone" | Area;
  page: ComponentType<PageProps> | LazyExoticComponent<ComponentType<PageProps>>;
}

/** A page module's named export as a lazily loaded component. */
function later<M>(load: () => Promise<M>, pick: (m: M) => ComponentType<PageProps>) {
  return lazy(async () => ({ default: pick(await load()) }));
}

const Patients = later(
  () => import("./pages/Patients"),
  (m) => () => <m.Patients />,
);
const Patient = later(
  () => import("./pages/Patient"),
  (m) =>
    function PatientRoute({ user }: PageProps): ReactElement {
      return <m.PatientPage mrn={useParams().mrn ?? ""} user={user} />;
    },
);
const Bedside = later(
  () => import("./pages/Bedside"),
  (m) => m.Bedside,
);
const Inventory = later(
  () => import("./pages/Inventory"),
  (m) => () => <m.Inventory />,
);
const Product = later(
  () => import("./pages/Product"),
  (m) =>
    function ProductRoute({ user }: PageProps): ReactElement {
      return <m.ProductPage din={useParams().din ?? ""} user={user} />;
    },
);
const Quality = later(
  () => import("./pages/Quality"),
  (m) =>
    function QualityRoute({ user }: PageProps): ReactElement {
      return <m.Quality user={user} />;
    },
);
const Storage = later(
  () => import("./pages/Storage"),
  (m) => m.Storage,
);
const Materials = later(
  () => import("./pages/Materials"),
  (m) => () => <m.Materials />,
);
const Recalls = later(
  () => import("./pages/Recalls"),
  (m) => () => <m.Recalls />,
);
const Recall = later(
  () => import("./pages/Recall"),
  (m) =>
    function RecallRoute({ user }: PageProps): ReactElement {
      return <m.RecallPage id={useParams().id ?? ""} user={user} />;
    },
);
const Deviation = later(
  () => import("./pages/Deviation"),
  (m) =>
    function DeviationRoute({ user }: PageProps): ReactElement {
      return <m.DeviationPage id={useParams().id ?? ""} user={user} />;
    },
);
const Alarm = later(
  () => import("./pages/Alarm"),
  (m) =>
    function AlarmRoute({ user }: PageProps): ReactElement {
      return <m.AlarmPage id={useParams().id ?? ""} user={user} />;
    },
);
const Monitoring = later(
  () => import("./pages/Monitoring"),
  (m) =>
    function MonitoringRoute({ user }: PageProps): ReactElement {
      return <m.MonitoringPage user={user} />;
    },
);
const Vigilance = later(
  () => import("./pages/Vigilance"),
  (m) =>
    function VigilanceRoute({ user }: PageProps): ReactElement {
      return <m.VigilancePage id={useParams().id ?? ""} user={user} />;
    },
);
const Register = later(
  () => import("./pages/Register"),
  (m) => () => <m.Register />,
);
const FindGraft = later(
  () => import("./pages/FindGraft"),
  (m) => m.FindGraft,
);
const SearchReport = later(
  () => import("./pages/SearchReport"),
  (m) =>
    function SearchReportRoute(): ReactElement {
      return <m.SearchReportPage id={useParams().id ?? ""} />;
    },
);
const Outcomes = later(
  () => import("./pages/Outcomes"),
  (m) => m.Outcomes,
);
const Audit = later(
  () => import("./pages/Audit"),
  (m) => () => <m.AuditPage />,
);
const Users = later(
  () => import("./pages/Users"),
  (m) => () => <m.UsersPage />,
);
const Reference = later(
  () => import("./pages/Reference"),
  (m) => m.ReferencePage,
);
const Account = later(
  () => import("./pages/Account"),
  (m) => m.Account,
);

/** In navigation order. */
export const ROUTES: readonly Route[] = [
  { path: "/", title: "Dashboard", nav: "everyone", page: Dashboard },
  { path: "/patients", title: "Patients", nav: "patients", page: Patients },
  { path: "/patients/:mrn", title: "Patient", page: Patient },
  { path: "/bedside", title: "Bedside check", page: Bedside },
  { path: "/inventory", title: "Inventory", nav: "bank", page: Inventory },
  { path: "/storage", title: "Storage", nav: "storage", page: Storage },
  { path: "/quality", title: "Quality", nav: "quality", page: Quality },
  { path: "/quality/deviations/:id", title: "Deviation", page: Deviation },
  { path: "/quality/alarms/:id", title: "Alarm", page: Alarm },
  { path: "/quality/monitoring", title: "Monitoring", page: Monitoring },
  { path: "/quality/vigilance/:id", title: "Adverse reaction or complaint", page: Vigilance },
  { path: "/materials", title: "Materials", nav: "materials", page: Materials },
  { path: "/recalls", title: "Recalls", nav: "recalls", page: Recalls },
  { path: "/recalls/:id", title: "Recall", page: Recall },
  { path: "/products/:din", title: "Product", page: Product },
  { path: "/register", title: "Register a product", page: Register },
  { path: "/find-graft", title: "Find a graft", nav: "search", page: FindGraft },
  { path: "/search-reports/:id", title: "Search report", page: SearchReport },
  { path: "/outcomes", title: "Outcomes", nav: "outcomes", page: Outcomes },
  { path: "/audit", title: "Audit", nav: "audit", page: Audit },
  { path: "/users", title: "Users", nav: "users", page: Users },
  { path: "/reference", title: "Reference data", nav: "everyone", page: Reference },
  { path: "/account", title: "Account", nav: "everyone", page: Account },
];

/** The routes this user sees in the navigation, in order. */
export function navFor(user: SignedIn): Route[] {
  return ROUTES.filter(({ nav }) => nav === "everyone" || (nav !== undefined && user.areas.includes(nav)));
}
