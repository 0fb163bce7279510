/**
 * The changes to one account: disable or enable, roles, reset password, end sessions, unlock. One reason
 * serves the change made; the server's answer, or its refusal, is shown under the buttons.
 */
import { useState } from "react";
import type { Role } from "../../../accounts/roles";
import type { UserListItem } from "../../../accounts/schemas";
import { type UserChanges, api } from "../../api";
import { ErrorNote } from "../../components";
import { OneTimePassword } from "./OneTimePassword";
import { RolePicker } from "./RolePicker";

export function ManageUser({ user, onChanged }: { user: UserListItem; onChanged: () => void }) {
  const [reason, setReason] = useState("");
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState("");
  const [reset, setReset] = useState<string>();
  const run = async (what: () => Promise<string>) => {
    setError(undefined);
    setDone("");
    setReset(undefined);
    try {
      setDone(await what());
      setReason("");
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const change = <A extends keyof UserChanges>(action: A) =>
    api.userChange(user.username, action, { reason });
  return (
    <form className="step" aria-label={`Manage ${user.username}`} onSubmit={(e) => e.preventDefault()}>
      <h2>
        {user.username} ({user.printedName})
      </h2>
      <label>
        Reason <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <p>
        {user.disabled ? (
          <button
            type="button"
            onClick={() =>
              run(async () => {
                await change("enable");
                return `${user.username} enabled`;
              })
            }
          >
            Enable
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              run(async () => {
                await change("disable");
                return `${user.username} disabled; sessions ended`;
              })
            }
          >
            Disable
          </button>
        )}{" "}
        <button
          type="button"
          onClick={() =>
            run(async () => {
              const r = await change("password-reset");
              setReset(r.oneTimePassword);
              return `password of ${user.username} reset; sessions ended`;
            })
          }
        >
          Reset password
        </button>{" "}
        <button
          type="button"
          onClick={() => run(async () => `${(await change("end-sessions")).ended} session(s) ended`)}
        >
          End sessions
        </button>{" "}
        <button
          type="button"
          onClick={() =>
            run(async () =>
              (await change("unlock")).wasLocked ? "unlocked" : "was not locked; failures cleared",
            )
          }
        >
          Unlock
        </button>
      </p>
      <RolePicker value={roles} onChange={setRoles} />
      <button
        type="button"
        onClick={() =>
          run(async () => {
            const u = await api.changeRoles(user.username, { roles, reason });
            return `roles of ${u.username}: ${u.roles.join(", ")}; sessions ended`;
          })
        }
      >
        Change roles
      </button>
      <ErrorNote error={error} />
      {done && (
        <p>
          <output data-testid="done">{done}</output>
        </p>
      )}
      {reset && <OneTimePassword username={user.username} password={reset} />}
    </form>
  );
}
