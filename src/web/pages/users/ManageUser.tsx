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
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              onClick={() =>
                run(async () => {
                  await change("enable");
                  return `${user.username} enabled`;
                })
              }
            >
              Enable
            </Button>
          ) : (
            <Button
              type="button"
              variant="default"
              size="compact-sm"
              onClick={() =>
                run(async () => {
                  await change("disable");
                  return `${user.username} disabled; sessions ended`;
                })
              }
            >
              Disable
            </Button>
          )}{" "}
          <Button
            type="button"
            variant="default"
            size="compact-sm"
            onClick={() =>
              run(async () => {
                const r = await change("password-reset");
                setReset(r.oneTimePassword);
                return `password of ${user.username} reset; sessions ended`;
              })
            }
          >
            Reset password
          </Button>{" "}
          <Button
            type="button"
            variant="default"
            size="compact-sm"
            onClick={() => run(async () => `${(await change("end-sessions")).ended} session(s) ended`)}
          >
            End sessions
          </Button>{" "}
          <Button
            type="button"
            variant="default"
            size="compact-sm"
            onClick={() =>
              run(async () =>
                (await change("unlock")).wasLocked ? "unlocked" : "was not locked; failures cleared",
              )
            }
          >
            Unlock
          </Button>
        </Group>
        <RolePicker value={roles} onChange={setRoles} error={fieldError(error, "roles")} />
        <Button
          type="button"
          variant="default"
          size="compact-sm"
          onClick={() =>
            run(async () => {
              const u = await api.changeRoles(user.username, { roles, reason });
              return `roles of ${u.username}: ${u.roles.join(", ")}; sessions ended`;
            })
          }
        >
          Change roles
        </Button>
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
