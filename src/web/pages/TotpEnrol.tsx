import { useState } from "react";
import { type SignedIn, api } from "../api";
import { ErrorNote } from "../components";

/**
 * Enrolling an authenticator app (TOTP): the QR code and URI shown once, a first code to confirm, then the
 * ten recovery codes shown once. A role that requires it sees this page alone until done.
 */
export function TotpEnrol({ user, onDone }: { user: SignedIn; onDone: (u: SignedIn) => void }) {
  const [enrolment, setEnrolment] = useState<{ uri: string; secret: string; qrSvg: string }>();
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState<string[]>();
  const [error, setError] = useState<unknown>();
  const run = (f: () => Promise<void>) => {
    setError(undefined);
    f().catch(setError);
  };
  if (recovery) {
    return (
      <div className="signin">
        <h1>Recovery codes</h1>
        <p>
          Each works once instead of a code if the phone is lost. Shown this once: print or store them apart.
        </p>
        <ul className="recovery-codes">
          {recovery.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => onDone({ ...user, totp: true, mustEnrolTotp: false })}>
          I have kept them: go on
        </button>
      </div>
    );
  }
  return (
    <form
      className="signin"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => setRecovery((await api.confirmTotp(code)).recoveryCodes));
      }}
    >
      <h1>Authenticator app</h1>
      {user.mustEnrolTotp && <p>Your role requires a second factor: enrol an authenticator app to go on.</p>}
      {!enrolment ? (
        <button type="button" onClick={() => run(async () => setEnrolment(await api.beginTotp()))}>
          Show the QR code
        </button>
      ) : (
        <>
          <p>Scan this with the authenticator app (shown once), or type the secret into it.</p>
          <img
            alt="QR code of the authenticator secret"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
          />
          <p>
            <code>{enrolment.secret}</code>
          </p>
          <label>
            The code the app shows now{" "}
            <input
              name="code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="one-time-code"
              inputMode="numeric"
            />
          </label>
          <button type="submit">Confirm</button>
        </>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
