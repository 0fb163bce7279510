/** Shows an API error the way users need it: the message, and the field at fault. */
import { ApiError } from "../api";

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, "CLIENT", String(error));
  return (
    <p className="error" role="alert">
      <b>{e.code}</b> {e.message}
    </p>
  );
}
