import { useState } from "react";
import { ApiError, type SignedIn, api } from "../api";
import { ErrorNote } from "../components";

export function SignIn({ user, onSignedIn }: { user: SignedIn | null; onSignedIn: (u: SignedIn) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  // The second step: the account has TOTP and the server asked for its code.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<unknown>();
  const changing = user?.mustChangePassword === true;
  return (
    <form
      className="signin"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        try {
          if (changing && user) {
            await api.changePassword(password, newPassword);
            onSignedIn({ ...user, mustChangePassword: false });
          } else onSignedIn(await api.signIn(username, password, askCode ? code : undefined));
        } catch (err) {
          if (err instanceof ApiError && err.code === "SECOND_FACTOR_REQUIRED") setAskCode(true);
          else setError(err);
          setCode("");
        }
      }}
    >
      <h1>Cradle</h1>
      <p>Pediatric stem cell therapy: bank, match, treat, follow.</p>
      {changing ? (
        <>
          <p>
            Choose your own password before you go on: at least 15 characters (8 with an authenticator app),
            any characters, spaces welcome; not a common or breached password, nor your user name.
          </p>
          <label>
            One-time password{" "}
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
            />
          </label>
          <label>
            New password{" "}
            <input
              type="password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              autoComplete="new-password"
            />
          </label>
          <button type="submit">Change password</button>
        </>
      ) : (
        <>
          <label>
            User name{" "}
            <input
              name="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
            />
          </label>
          <label>
            Password{" "}
            <input
              name="password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
            />
          </label>
          {askCode && <p>Your account has a second factor: enter the code your authenticator app shows.</p>}
          {askCode && (
            <label>
              Authenticator code (or a recovery code){" "}
              <input
                name="code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="one-time-code"
                inputMode="numeric"
              />
            </label>
          )}
          <button type="submit">Sign in</button>
        </>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
