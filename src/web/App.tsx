/** The shell: sign-in, the navigation, the page for the current path, and the barcode scanner. */
import { type ReactElement, useCallback, useEffect, useState } from "react";
import type { User } from "../accounts/schemas";
import { ApiError, api } from "./api";
import { AuditPage } from "./pages/Audit";
import { Bedside } from "./pages/Bedside";
import { Dashboard } from "./pages/Dashboard";
import { FindGraft } from "./pages/FindGraft";
import { Inventory } from "./pages/Inventory";
import { Outcomes } from "./pages/Outcomes";
import { PatientPage } from "./pages/Patient";
import { Patients } from "./pages/Patients";
import { ProductPage } from "./pages/Product";
import { ReferencePage } from "./pages/Reference";
import { Register } from "./pages/Register";
import { SignIn } from "./pages/SignIn";
import { navigate, usePath } from "./router";
import { useScanner } from "./scanner";

const NAV: [string, string][] = [
  ["/", "Dashboard"],
  ["/patients", "Patients"],
  ["/inventory", "Inventory"],
  ["/find-graft", "Find a graft"],
  ["/outcomes", "Outcomes"],
  ["/audit", "Audit"],
  ["/reference", "Reference data"],
];

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const path = usePath();
  useEffect(() => {
    api.whoAmI().then(
      (u) => setUser(u ?? null),
      () => setUser(null),
    );
  }, []);
  const openDin = useCallback((din: string) => navigate(`/products/${din}`), []);
  useScanner(openDin);

  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null || user.mustChangePassword) return <SignIn user={user} onSignedIn={setUser} />;

  const pathname = path.split("?")[0] ?? "/";
  let page: ReactElement;
  if (pathname.startsWith("/products/"))
    page = <ProductPage din={decodeURIComponent(pathname.slice(10))} user={user} />;
  else if (pathname.startsWith("/patients/"))
    page = <PatientPage mrn={decodeURIComponent(pathname.slice(10))} user={user} />;
  else if (pathname === "/patients") page = <Patients user={user} />;
  else if (pathname === "/bedside") page = <Bedside user={user} />;
  else if (pathname === "/inventory") page = <Inventory />;
  else if (pathname === "/outcomes") page = <Outcomes user={user} />;
  else if (pathname === "/register") page = <Register />;
  else if (pathname === "/find-graft") page = <FindGraft user={user} />;
  else if (pathname === "/audit") page = <AuditPage />;
  else if (pathname === "/reference") page = <ReferencePage />;
  else page = <Dashboard user={user} />;

  return (
    <div className="app">
      <header>
        <strong className="brand">Cradle</strong>
        <nav>
          {NAV.map(([to, label]) => (
            <a
              key={to}
              href={to}
              className={pathname === to ? "active" : ""}
              onClick={(e) => {
                e.preventDefault();
                navigate(to);
              }}
            >
              {label}
            </a>
          ))}
        </nav>
        <span className="who">
          {user.printedName} · {user.roles.join(", ")}{" "}
          <button
            type="button"
            onClick={async () => {
              await api.signOut().catch(() => undefined);
              setUser(null);
              navigate("/");
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main>{page}</main>
      <footer>Scan a DIN anywhere to open its product.</footer>
    </div>
  );
}

/** Shows an API error the way users need it: the message, and the field at fault. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, "ERROR", String(error));
  return (
    <p className="error" role="alert">
      <b>{e.code}</b> {e.message}
    </p>
  );
}
