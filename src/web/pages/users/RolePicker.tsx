/** Roles as checkboxes, from the list checked against the server's roles. */
import type { Role } from "../../../accounts/roles";
import { ROLE_CHOICES } from "../../role-list";

export function RolePicker({
  value,
  onChange,
}: { value: readonly Role[]; onChange: (roles: Role[]) => void }) {
  return (
    <fieldset>
      <legend>Roles</legend>
      {ROLE_CHOICES.map((role) => (
        <label key={role}>
          <input
            type="checkbox"
            name="role"
            value={role}
            checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
          />{" "}
          {role}
        </label>
      ))}
    </fieldset>
  );
}
