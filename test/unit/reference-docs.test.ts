import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/pulumi-cli";
import { generateReference } from "../../scripts/lib/reference-docs";

describe("reference docs", () => {
  it.each(generateReference(repoRoot).map((page) => [page.file, page.text]))(
    "docs/reference/%s matches the SDK's TSDoc (run `npm run docs` to update)",
    (file, text) => {
      const committed = readFileSync(path.join(repoRoot, "docs", "reference", file), "utf8");
      expect(committed).toBe(text);
    },
  );

  it("documents every campaign input", () => {
    const campaign = generateReference(repoRoot).find((page) => page.file === "campaign.md");
    expect(campaign?.text).toMatch(/\| `lifetimeBudgetMicros` \| .* \| yes \| Lifetime spend/);
    expect(campaign?.text).not.toMatch(/\| no \|  \|/);
  });
});
