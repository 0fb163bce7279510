/** Roles as checkboxes, from the one list of roles. */
import { ROLES, type Role } from "../../../accounts/roles";

export function RolePicker({
  value,
  onChange,
}: { value: readonly Role[]; onChange: (roles: Role[]) => void }) {
  return (
    <fieldset>
      <legend>Roles</legend>
      {ROLES.map((role) => (
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
