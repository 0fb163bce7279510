/**
 * User management, for admins: every account with its roles and state (active, disabled, locked, one-time
 * password pending, last sign-in), a form to add one, and the changes to the one selected. The server
 * decides and refuses (its message is shown); every change carries a reason for the audit trail.
 */
import { Button, Table, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { UserListItem } from "../../accounts/schemas";
import { api } from "../api";
import { ErrorNote, ListTable, when } from "../components";
import { AddUserForm } from "./users/AddUserForm";
import { ManageUser } from "./users/ManageUser";

/** The account's state in words, as the list and the panel show it. */
export function stateOf(u: UserListItem): string {
  return [
    u.disabled ? "disabled" : "active",
    ...(u.lockedUntil ? [`locked until ${when(u.lockedUntil)}`] : []),
    ...(u.mustChangePassword ? ["one-time password pending"] : []),
  ].join(", ");
}

export function UsersPage() {
  const { data, error } = useQuery({ queryKey: ["users"], queryFn: api.users });
  const queries = useQueryClient();
  const [selected, setSelected] = useState<string>();
  const reload = () => void queries.invalidateQueries({ queryKey: ["users"] });
  const chosen = data?.items.find((u) => u.username === selected);
  return (
    <section>
      <Title order={1}>Users</Title>
      <ErrorNote error={error} />
      {data && (
        <ListTable aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((u) => (
              <Table.Tr key={u.username} data-user={u.username}>
                <Table.Td>{u.username}</Table.Td>
                <Table.Td>{u.printedName}</Table.Td>
                <Table.Td>{u.roles.join(", ")}</Table.Td>
                <Table.Td data-testid="state">{stateOf(u)}</Table.Td>
                <Table.Td>{u.lastSignInAt ? when(u.lastSignInAt) : "never"}</Table.Td>
                <Table.Td>
                  <Button
                    type="button"
                    variant="default"
                    size="compact-sm"
                    onClick={() => setSelected(u.username)}
                  >
                    Manage
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      {chosen && <ManageUser key={chosen.username} user={chosen} onChanged={reload} />}
      <AddUserForm onAdded={reload} />
    </section>
  );
}
