/** Writes docs/reference/*.md from the SDK's TSDoc (`npm run docs`). */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./lib/pulumi-cli";
import { generateReference } from "./lib/reference-docs";

const folder = path.join(repoRoot, "docs", "reference");
mkdirSync(folder, { recursive: true });
for (const page of generateReference(repoRoot)) {
  writeFileSync(path.join(folder, page.file), page.text);
  process.stdout.write(`wrote docs/reference/${page.file}\n`);
}
