/** Prints the page as a record: the print style (style.css) drops the shell, the forms and `.no-print`. */
import { Button } from "@mantine/core";

export function PrintButton({ label = "Print the record" }: { label?: string }) {
  return (
    <Button type="button" variant="default" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
