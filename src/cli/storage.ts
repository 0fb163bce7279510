/**
 * `cradle storage …`: the physical storage model. Define freezers and LN2 tanks, their racks and boxes
 * (lab and quality), list them with how full each box is, show a box's free slots, and list what
 * migration 0016 would not merge.
 */
import type { Command } from "commander";
import {
  BOX_LAYOUTS,
  BoxQuerySchema,
  DEVICE_KINDS,
  NewBoxSchema,
  NewDeviceSchema,
  NewRackSchema,
  STORAGE_KINDS,
  addStorageBox,
  addStorageDevice,
  addStorageRack,
  boxGrid,
  listStorage,
  storageIssues,
} from "../bank/index.js";
import { oneOfHelp, optionsInput } from "./input.js";
import { type UserOption, asUser, withStore } from "./session.js";

interface Options extends UserOption {
  json?: boolean;
}

const print = (o: Options, value: unknown, text: string) =>
  console.log(o.json ? JSON.stringify(value, null, 2) : text);

export function registerStorageCommands(program: Command): void {
  const storage = program
    .command("storage")
    .description("freezers, LN2 tanks, racks and boxes with their grids; free slots; migration clashes");

  storage
    .command("add-device")
    .description("define a freezer or LN2 tank (lab technologist or quality manager)")
    .requiredOption("--name <name>", "its name, e.g. LN2-01 (upper-cased, unique)")
    .requiredOption("--kind <kind>", oneOfHelp("kind", DEVICE_KINDS))
    .requiredOption("--temperature <t>", oneOfHelp("the storage condition it keeps", STORAGE_KINDS))
    .option("--user <name>", "who defines it (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & Record<string, string>) => {
      const input = optionsInput(NewDeviceSchema, o, ["name", "kind", "temperature"]);
      const d = await asUser(o, (store, act) => addStorageDevice(store, input, act));
      print(o, d, `device ${d.name} (${d.kind}, ${d.temperature}) defined`);
    });

  storage
    .command("add-rack")
    .description("define a rack in a device")
    .requiredOption("--device <name>", "the device")
    .requiredOption("--name <name>", "the rack's name, e.g. R01")
    .option("--user <name>", "who defines it (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & Record<string, string>) => {
      const input = optionsInput(NewRackSchema, o, ["device", "name"]);
      const r = await asUser(o, (store, act) => addStorageRack(store, input, act));
      print(o, r, `rack ${input.device.toUpperCase()}/${r.name} defined`);
    });

  storage
    .command("add-box")
    .description("define a box in a rack, with its grid")
    .requiredOption("--device <name>", "the device")
    .requiredOption("--rack <name>", "the rack")
    .requiredOption("--name <name>", "the box's name, e.g. B01")
    .requiredOption("--rows <n>", "rows (letters A… up to 26, or up to 100 numbered)")
    .requiredOption("--columns <n>", "columns (up to 100)")
    .option("--layout <layout>", oneOfHelp("position names (default letter-number)", BOX_LAYOUTS))
    .option("--user <name>", "who defines it (default $CRADLE_USER)")
    .option("--json", "print JSON")
    .action(async (o: Options & Record<string, string>) => {
      const input = optionsInput(NewBoxSchema, o, ["device", "rack", "name", "rows", "columns", "layout"]);
      const b = await asUser(o, (store, act) => addStorageBox(store, input, act));
      print(o, b, `box ${b.name} defined: ${b.rows} × ${b.columns}, ${b.layout}`);
    });

  storage
    .command("list")
    .description("every device with its racks and boxes, and how full each box is")
    .option("--json", "print JSON")
    .action(async (o: Options) => {
      const devices = await withStore((store) => listStorage(store.db));
      const lines = devices.flatMap((d) => [
        `${d.name}  ${d.kind}  ${d.temperature}`,
        ...d.racks.flatMap((r) =>
          r.boxes.map(
            (b) =>
              `  ${d.name}/${r.name}/${b.name}  ${b.rows} × ${b.columns} ${b.layout}  ${b.occupied}/${b.capacity}`,
          ),
        ),
      ]);
      print(
        o,
        devices,
        lines.length === 0 ? "no storage defined (cradle storage add-device)" : lines.join("\n"),
      );
    });

  storage
    .command("free")
    .description("a box's free slots")
    .argument("<box>", "the box: device/rack/box, e.g. LN2-01/R01/B01")
    .option("--json", "print JSON")
    .action(async (box: string, o: Options) => {
      const query = optionsInput(BoxQuerySchema, { box }, ["box"]);
      const grid = await withStore((store) => boxGrid(store.db, query));
      const free = grid.cells.filter((c) => c.productId === null);
      print(
        o,
        free,
        `${grid.device}/${grid.rack}/${grid.box}: ${free.length} of ${grid.cells.length} free\n${free.map((c) => c.position).join(" ")}`,
      );
    });

  storage
    .command("issues")
    .description("clashes and unreadable positions migration 0016 did not merge")
    .option("--all", "resolved ones too")
    .option("--json", "print JSON")
    .action(async (o: Options & { all?: boolean }) => {
      const issues = await withStore((store) => storageIssues(store.db, o.all ? {} : { open: true }));
      print(
        o,
        issues,
        issues.length === 0
          ? "no storage issues"
          : issues
              .map(
                (i) =>
                  `${i.kind}  product ${i.productId}  ${i.location}${i.positionKey ? `  key ${i.positionKey}` : ""}${i.holderProductId ? `  held by ${i.holderProductId}` : ""}${i.resolvedAt ? `  resolved ${i.resolvedAt}: ${i.resolution}` : ""}`,
              )
              .join("\n"),
      );
    });
}
