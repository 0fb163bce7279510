/** Builds dist/ once before any test runs, so the CLI tests run the `cradle` bin on the code under test. */
import { build } from "./cli.js";

export default function setup(): void {
  build();
}
