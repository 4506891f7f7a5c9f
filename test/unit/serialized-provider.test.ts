import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { campaignProvider, creativeProvider } from "../../sdk/internal/serialized-providers";

describe("serialized providers", () => {
  it.each([
    ["campaign", campaignProvider],
    ["creative", creativeProvider],
  ])("%s provider serializes small and self-contained", async (_name, provider) => {
    const serialized = await pulumi.runtime.serializeFunction(() => provider);
    expect(serialized.text.length).toBeLessThan(4_000);
    expect(serialized.text).toContain('require("pulumi-thrad/provider")');
    expect(serialized.text).not.toMatch(/undici|zod|THRAD_ADS_API_KEY|ak_/);
  });

  it("serializes to the same text twice", async () => {
    const first = await pulumi.runtime.serializeFunction(() => campaignProvider);
    const second = await pulumi.runtime.serializeFunction(() => campaignProvider);
    expect(second.text).toBe(first.text);
  });
});
