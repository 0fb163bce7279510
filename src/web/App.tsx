/**
 * The shell: the session (sign-in, sign-out), Mantine's AppShell with the navigation drawn from the route
 * table (routes.tsx) for the areas the session lists, the barcode scanner, and the router's page. Below
 * 992 px the navigation folds behind a burger, so the pages keep the width at 768 px.
 */
import { AppShell, Burger, Button, Group, NavLink, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, Suspense, useCallback, useEffect, useState } from "react";
import { Route, NavLink as RouterLink, Routes, useLocation, useNavigate } from "react-router";
import { type SignedIn, api } from "./api";
import { NotFound } from "./pages/NotFound";
import { SignIn } from "./pages/SignIn";
import { TotpEnrol } from "./pages/TotpEnrol";
import { ROUTES, navFor } from "./routes";
import { useScanner } from "./scanner";

export function App() {
  const [user, setUser] = useState<SignedIn | null | undefined>(undefined);
  const navigate = useNavigate();
  const queries = useQueryClient();
  useEffect(() => {
    api.whoAmI().then(
      (u) => setUser(u ?? null),
      () => setUser(null),
    );
  }, []);
  const openDin = useCallback((din: string) => navigate(`/products/${din}`), [navigate]);
  useScanner(openDin);

  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null || user.mustChangePassword)
    return (
      <main id="main">
        <SignIn user={user} onSignedIn={setUser} />
      </main>
    );
  if (user.mustEnrolTotp)
    return (
      <main id="main">
        <TotpEnrol user={user} onDone={setUser} />
      </main>
    );
  return (
    <Shell
      user={user}
      onSignOut={async () => {
        await api.signOut().catch(() => undefined);
        // Nothing of this session's answers stays for the next one.
        queries.clear();
        setUser(null);
        navigate("/");
      }}
    >
      <Routes>
        {ROUTES.map(({ path, title, page: Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Titled title={title}>
                <Page user={user} onUser={setUser} />
              </Titled>
            }
          />
        ))}
        <Route
          path="*"
          element={
            <Titled title="Not found">
              <NotFound />
            </Titled>
          }
        />
      </Routes>
    </Shell>
  );
}

function Shell({
  user,
  onSignOut,
  children,
}: { user: SignedIn; onSignOut: () => void; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const narrow = useMediaQuery("(max-width: 61.99em)");
  const { pathname } = useLocation();
  // A folded navigation is out of the page: neither seen nor reached by Tab until the burger opens it.
  const folded = narrow === true && !opened;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the folded navigation.
  useEffect(() => close(), [pathname]);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <AppShell.Header className="app-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              color="white"
              aria-label={opened ? "Close the navigation" : "Open the navigation"}
              aria-expanded={opened}
              aria-controls="navigation"
            />
            <strong className="brand">Cradle</strong>
          </Group>
          <Group gap="sm" wrap="nowrap" className="who">
            <Text size="sm" c="white" visibleFrom="sm">
              {user.printedName} · {user.roles.join(", ")}
            </Text>
            <Button size="xs" variant="white" onClick={onSignOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="navigation" aria-label="Pages" component="nav" inert={folded}>
        {navFor(user).map(({ path, title }) => (
          <NavLink
            key={path}
            component={RouterLink}
            to={path}
            end
            label={title}
            active={path === "/" ? pathname === "/" : pathname === path || pathname.startsWith(`${path}/`)}
          />
        ))}
        <Text size="xs" c="gray.7" mt="auto" p="xs">
          Scan a DIN anywhere outside a field to open its product.
        </Text>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>{children}</Suspense>
      </AppShell.Main>
    </AppShell>
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
