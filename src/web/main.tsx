import { MantineProvider, createTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./style.css";

const theme = createTheme({
  primaryColor: "cradle",
  // The app's blue (#173a5e) in Mantine's ten shades; the darker shades keep text on it above 4.5:1.
  colors: {
    cradle: [
      "#eef4fb",
      "#dbe8f5",
      "#b3cde9",
      "#88b1dd",
      "#6399d2",
      "#4a89cc",
      "#2f6ba8",
      "#245684",
      "#173a5e",
      "#0f2740",
    ],
  },
  primaryShade: 7,
  fontFamily: "system-ui, sans-serif",
  fontFamilyMonospace: '"DejaVu Sans Mono", Consolas, monospace',
});

/**
 * Server state lives in TanStack Query's cache. No retry: a refusal (FORBIDDEN, NOT_FOUND) is an answer to
 * show, not a fault to repeat; no refetch on focus, so a form being filled is not redrawn under the user.
 */
const queries = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById("root") as HTMLElement).render(
  <MantineProvider theme={theme}>
    <Notifications />
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </MantineProvider>,
);
