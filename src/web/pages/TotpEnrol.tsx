import { Button, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { type SignedIn, api } from "../api";
import { ErrorNote, fieldError } from "../components";

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
        <Title order={1}>Recovery codes</Title>
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
        <Button
          type="button"
          variant="default"
          size="compact-sm"
          onClick={() => onDone({ ...user, totp: true, mustEnrolTotp: false })}
        >
          I have kept them: go on
        </Button>
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
      <Title order={1}>Authenticator app</Title>
      {user.mustEnrolTotp && <p>Your role requires a second factor: enrol an authenticator app to go on.</p>}
      {!enrolment ? (
        <Button
          type="button"
          variant="default"
          size="compact-sm"
          onClick={() => run(async () => setEnrolment(await api.beginTotp()))}
        >
          Show the QR code
        </Button>
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
          <TextInput
            name="code"
            label="The code the app shows now"
            withAsterisk
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autoComplete="one-time-code"
            inputMode="numeric"
            error={fieldError(error, "code")}
          />
          <Button type="submit">Confirm</Button>
        </>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
