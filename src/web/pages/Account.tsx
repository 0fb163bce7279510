import { Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { type SignedIn, api } from "../api";
import { ErrorNote } from "../components";
import { TotpEnrol } from "./TotpEnrol";

/** The user's own account: the second factor's state, and enrolment when there is none. */
export function Account({ user, onUser }: { user: SignedIn; onUser: (u: SignedIn) => void }) {
  const [status, setStatus] = useState<Awaited<ReturnType<typeof api.totpStatus>>>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.totpStatus().then(setStatus, setError);
  }, []);
  if (error) return <ErrorNote error={error} />;
  if (!status) return <p className="loading">Loading…</p>;
  return (
    <section>
      <Title order={1}>Your account</Title>
      <p>
        {user.printedName} ({user.username}): {user.roles.join(", ")}
      </p>
      {status.state === "active" ? (
        <p>
          Second factor: an authenticator app, active; {status.recoveryCodesLeft} recovery codes left. A lost
          phone: an admin removes it, then enrol again.
        </p>
      ) : (
        <TotpEnrol
          user={user}
          onDone={(u) => {
            // The signing forms ask the code from now on, without a reload.
            onUser(u);
            api.totpStatus().then(setStatus, setError);
          }}
        />
      )}
    </section>
  );
}
