/** A one-time password the server answered: shown once, here, never again. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <p className="notice">
      <output>
        One-time password for <b>{username}</b>: <code data-testid="one-time-password">{password}</code> —
        give it to them in person; it is shown only now, and must be changed at their next sign-in.
      </output>
    </p>
  );
}
