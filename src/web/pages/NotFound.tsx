/** An address the app has no page for: say so and offer the way back, rather than some other page. */
import { Link } from "../router";

export function NotFound({ path }: { path: string }) {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Cradle has no page at <code>{path}</code>.
      </p>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </section>
  );
}
