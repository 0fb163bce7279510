import { useState } from "react";
import { type SignedIn, api } from "../api";
import { ErrorNote } from "../components";

export function SignIn({ user, onSignedIn }: { user: SignedIn | null; onSignedIn: (u: SignedIn) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  // Asked with the password, for every account: the server judges both at once and tells no one whether
  // an account has a second factor, or whether its password alone was right.
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
          } else
            onSignedIn(await api.signIn(username, password, code.trim() === "" ? undefined : code.trim()));
        } catch (err) {
          setError(err);
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
          <label>
            Authenticator code, if your account has one (or a recovery code){" "}
            <input
              name="code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="one-time-code"
            />
          </label>
          <button type="submit">Sign in</button>
        </>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
