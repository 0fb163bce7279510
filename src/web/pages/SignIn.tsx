import { useState } from "react";
import { type SignedIn, api } from "../api";
import { ErrorNote } from "../components";

export function SignIn({ user, onSignedIn }: { user: SignedIn | null; onSignedIn: (u: SignedIn) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
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
          } else onSignedIn(await api.signIn(username, password));
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h1>Cradle</h1>
      <p>Pediatric stem cell therapy: bank, match, treat, follow.</p>
      {changing ? (
        <>
          <p>Choose your own password before you go on (at least 10 characters).</p>
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
          <button type="submit">Sign in</button>
        </>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
