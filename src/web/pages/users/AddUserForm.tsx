/** Add a user: the server makes a one-time password, shown once. */
import { useState } from "react";
import type { Role } from "../../../accounts/roles";
import { api } from "../../api";
import { ErrorNote } from "../../components";
import { OneTimePassword } from "./OneTimePassword";
import { RolePicker } from "./RolePicker";

export function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const [username, setUsername] = useState("");
  const [printedName, setPrintedName] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>();
  const [added, setAdded] = useState<{ username: string; password: string }>();
  return (
    <form
      className="step"
      aria-label="Add a user"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        setAdded(undefined);
        try {
          const r = await api.addUser({ username, printedName, roles, reason });
          setAdded({ username: r.user.username, password: r.oneTimePassword ?? "" });
          setUsername("");
          setPrintedName("");
          setRoles([]);
          setReason("");
          onAdded();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h2>Add a user</h2>
      <label>
        User name <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Printed name{" "}
        <input name="printedName" value={printedName} onChange={(e) => setPrintedName(e.target.value)} />
      </label>
      <RolePicker value={roles} onChange={setRoles} />
      <label>
        Reason <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit">Add user</button>
      <ErrorNote error={error} />
      {added && <OneTimePassword username={added.username} password={added.password} />}
    </form>
  );
}
