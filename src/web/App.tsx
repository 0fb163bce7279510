/**
 * The shell: the session (sign-in, sign-out), the navigation, the barcode scanner, and the page the route
 * table (routes.tsx) gives for the current path.
 */
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { type SignedIn, api } from "./api";
import { SignIn } from "./pages/SignIn";
import { TotpEnrol } from "./pages/TotpEnrol";
import { navigate, usePath } from "./router";
import { navFor, routeFor } from "./routes";
import { useScanner } from "./scanner";

export function App() {
  const [user, setUser] = useState<SignedIn | null | undefined>(undefined);
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
  if (user.mustEnrolTotp) return <TotpEnrol user={user} onDone={setUser} />;

  const pathname = path.split("?")[0] ?? "/";
  const { route, param } = routeFor(pathname);
  return (
    <div className="app">
      <header>
        <strong className="brand">Cradle</strong>
        <nav>
          {navFor(user).map(({ path: to, title }) => (
            <a
              key={to}
              href={to}
              className={pathname === to ? "active" : ""}
              onClick={(e) => {
                e.preventDefault();
                navigate(to);
              }}
            >
              {title}
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
      <main>
        <Titled title={route.title}>{route.page({ user, param, onUser: setUser })}</Titled>
      </main>
      <footer>Scan a DIN anywhere to open its product.</footer>
    </div>
  );
}

/** Names the window after the page, so a ward's many tabs can be told apart. */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Cradle`;
    return () => {
      document.title = "Cradle";
    };
  }, [title]);
  return children;
}
