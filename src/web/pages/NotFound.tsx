/** An address the app has no page for: say so and offer the way back, rather than some other page. */
import { Anchor, Code, Title } from "@mantine/core";
import { Link, useLocation } from "react-router";

export function NotFound() {
  const { pathname } = useLocation();
  return (
    <section>
      <Title order={1}>Page not found</Title>
      <p>
        Cradle has no page at <Code>{pathname}</Code>.
      </p>
      <p>
        <Anchor component={Link} to="/">
          Back to the dashboard
        </Anchor>
      </p>
    </section>
  );
}
