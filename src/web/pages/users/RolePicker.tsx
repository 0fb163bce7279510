/** Roles as checkboxes, from the list checked against the server's roles. */
import { Checkbox, Group } from "@mantine/core";
import type { Role } from "../../../accounts/roles";
import { ROLE_CHOICES } from "../../role-list";

export function RolePicker({
  value,
  onChange,
  error,
}: { value: readonly Role[]; onChange: (roles: Role[]) => void; error?: string }) {
  return (
    <Checkbox.Group
      label="Roles"
      withAsterisk
      value={[...value]}
      onChange={(v) => onChange(v as Role[])}
      error={error}
    >
      <Group gap="md" mt={4}>
        {ROLE_CHOICES.map((role) => (
          <Checkbox key={role} name="role" value={role} label={role} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
