/**
 * The changes to one account: disable or enable, roles, reset password, end sessions, unlock. One reason
 * serves the change made; the server's answer, or its refusal, is shown under the buttons.
 */
import { Button, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { Role } from "../../../accounts/roles";
import type { UserListItem } from "../../../accounts/schemas";
import { type UserChanges, api } from "../../api";
import { ErrorNote, fieldError } from "../../components";
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
  /** A change whose answer needs no more than a sentence. */
  const said = async (action: "enable" | "disable", sentence: string) => {
    await change(action);
    return sentence;
  };
  return (
    <Paper
      component="form"
      withBorder
      p="md"
      mt="md"
      className="step"
      aria-label={`Manage ${user.username}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <Stack gap="xs">
        <Title order={2}>
          {user.username} ({user.printedName})
        </Title>
        <TextInput
          name="reason"
          label="Reason"
          description="Recorded in the audit trail with the change"
          withAsterisk
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(error, "reason")}
        />
        <Group gap="xs">
          {user.disabled ? (
            <Action label="Enable" run={() => run(() => said("enable", `${user.username} enabled`))} />
          ) : (
            <Action
              label="Disable"
              run={() => run(() => said("disable", `${user.username} disabled; sessions ended`))}
            />
          )}
          <Action
            label="Reset password"
            run={() =>
              run(async () => {
                const r = await change("password-reset");
                setReset(r.oneTimePassword);
                return `password of ${user.username} reset; sessions ended`;
              })
            }
          />
          <Action
            label="End sessions"
            run={() => run(async () => `${(await change("end-sessions")).ended} session(s) ended`)}
          />
          <Action
            label="Unlock"
            run={() =>
              run(async () =>
                (await change("unlock")).wasLocked ? "unlocked" : "was not locked; failures cleared",
              )
            }
          />
        </Group>
        <RolePicker value={roles} onChange={setRoles} error={fieldError(error, "roles")} />
        <Action
          label="Change roles"
          run={() =>
            run(async () => {
              const u = await api.changeRoles(user.username, { roles, reason });
              return `roles of ${u.username}: ${u.roles.join(", ")}; sessions ended`;
            })
          }
        />
        <ErrorNote error={error} />
        {done && (
          <p>
            <output data-testid="done">{done}</output>
          </p>
        )}
        {reset && <OneTimePassword username={user.username} password={reset} />}
      </Stack>
    </Paper>
  );
}

/** One of the panel's change buttons: all look alike, and each runs its change with the panel's reason. */
function Action({ label, run }: { label: string; run: () => void }) {
  return (
    <Button type="button" variant="default" size="compact-sm" onClick={run}>
      {label}
    </Button>
  );
}
