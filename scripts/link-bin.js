// npm links the bins of dependencies into node_modules/.bin but never the package's own: link `cradle`
// there too, so that `node_modules/.bin/cradle` works in a checkout as it does where Cradle is a dependency.
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binDir = join(root, "node_modules", ".bin");
if (existsSync(join(root, "node_modules"))) {
  mkdirSync(binDir, { recursive: true });
  const link = join(binDir, "cradle");
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, join(root, "bin", "cradle.js")), link);
}
