/**
 * User management, for admins: every account with its roles and state (active, disabled, locked, one-time
 * password pending, last sign-in), a form to add one, and the changes to the one selected. The server
 * decides and refuses (its message is shown); every change carries a reason for the audit trail.
 */
import { useState } from "react";
import type { UserListItem } from "../../accounts/schemas";
import { api } from "../api";
import { ErrorNote, utc } from "../components";
import { useLoad } from "../use-load";
import { AddUserForm } from "./users/AddUserForm";
import { ManageUser } from "./users/ManageUser";

/** The account's state in words, as the list and the panel show it. */
export function stateOf(u: UserListItem): string {
  return [
    u.disabled ? "disabled" : "active",
    ...(u.lockedUntil ? [`locked until ${utc(u.lockedUntil)}`] : []),
    ...(u.mustChangePassword ? ["one-time password pending"] : []),
  ].join(", ");
}

export function UsersPage() {
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad(() => api.users(), [version]);
  const [selected, setSelected] = useState<string>();
  const reload = () => setVersion((v) => v + 1);
  const chosen = data?.items.find((u) => u.username === selected);
  return (
    <section>
      <h1>Users</h1>
      <ErrorNote error={error} />
      {data && (
        <table aria-label="Users">
          <thead>
            <tr>
              <th>User</th>
              <th>Name</th>
              <th>Roles</th>
              <th>State</th>
              <th>Last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.items.map((u) => (
              <tr key={u.username} data-user={u.username}>
                <td>{u.username}</td>
                <td>{u.printedName}</td>
                <td>{u.roles.join(", ")}</td>
                <td data-testid="state">{stateOf(u)}</td>
                <td>{u.lastSignInAt ? utc(u.lastSignInAt) : "never"}</td>
                <td>
                  <button type="button" onClick={() => setSelected(u.username)}>
                    Manage
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && <ManageUser key={chosen.username} user={chosen} onChanged={reload} />}
      <AddUserForm onAdded={reload} />
    </section>
  );
}
