/** Add a user: the server makes a one-time password, shown once. */
import { Button, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { Role } from "../../../accounts/roles";
import { api } from "../../api";
import { ErrorNote, fieldError } from "../../components";
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
    <Paper
      component="form"
      withBorder
      p="md"
      mt="md"
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
      <Title order={2}>Add a user</Title>
      <Stack gap="xs">
        <TextInput
          name="username"
          label="User name"
          withAsterisk
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={fieldError(error, "username")}
        />
        <TextInput
          name="printedName"
          label="Printed name"
          withAsterisk
          value={printedName}
          onChange={(e) => setPrintedName(e.currentTarget.value)}
          error={fieldError(error, "printedName")}
        />
        <RolePicker value={roles} onChange={setRoles} error={fieldError(error, "roles")} />
        <TextInput
          name="reason"
          label="Reason"
          withAsterisk
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(error, "reason")}
        />
        <Button type="submit">Add user</Button>
        <ErrorNote error={error} />
        {added && <OneTimePassword username={added.username} password={added.password} />}
      </Stack>
    </Paper>
  );
}
