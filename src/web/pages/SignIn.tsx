import { Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
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
    <Paper
      component="form"
      withBorder
      shadow="sm"
      p="lg"
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
      <Stack gap="sm">
        <Title order={1}>Cradle</Title>
        <Text>Pediatric stem cell therapy: bank, match, treat, follow.</Text>
        {changing ? (
          <>
            <Text size="sm">
              Choose your own password before you go on: at least 15 characters (8 with an authenticator app),
              any characters, spaces welcome; not a common or breached password, nor your user name.
            </Text>
            <PasswordInput
              label="One-time password"
              withAsterisk
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
            />
            <PasswordInput
              label="New password"
              withAsterisk
              value={newPassword}
              onChange={(e) => setNewPassword(e.currentTarget.value)}
              autoComplete="new-password"
            />
            <Button type="submit">Change password</Button>
          </>
        ) : (
          <>
            <TextInput
              name="username"
              label="User name"
              withAsterisk
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
            />
            <TextInput
              name="password"
              type="password"
              label="Password"
              withAsterisk
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
            />
            <TextInput
              name="code"
              label="Authenticator code, if your account has one (or a recovery code)"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              autoComplete="one-time-code"
            />
            <Button type="submit">Sign in</Button>
          </>
        )}
        <ErrorNote error={error} />
      </Stack>
    </Paper>
  );
}
