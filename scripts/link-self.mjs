// Links node_modules/pulumi-thrad to this repository, so that example programs and the
// serialized dynamic provider can `require("pulumi-thrad/...")` by package name, exactly as a
// user's program would after `npm install pulumi-thrad`.
import { existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const link = join(root, "node_modules", "pulumi-thrad");

mkdirSync(dirname(link), { recursive: true });
if (!existsSync(link) && !isDanglingLink(link)) {
  symlinkSync("..", link, "dir");
}

function isDanglingLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
