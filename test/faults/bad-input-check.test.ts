// The whole table of malformed programs through the providers' `check`, the method that
// `pulumi preview` runs first: each fails naming the property path, and nothing reaches the
// simulator. A sample of the same table runs through real previews in the fault suite.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignProvider } from "../../provider/campaign/provider";
import { configure } from "../../provider/config";
import { creativeProvider } from "../../provider/creative/provider";
import { startSimulator, type RunningSimulator } from "../simulator";
import { sampleImagePath } from "../support/test-stack";
import { badPrograms, previewSample } from "./support/bad-programs";

const apiKey = "ak_fault_check_key_6d21";
const fileId = "uploads/2026/12/0123456789abcdef0123456789abcdef.png";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
  configure({ get: (key) => ({ "thrad:apiKey": apiKey, "thrad:baseUrl": sim.apiBaseUrl })[key] });
});

afterAll(async () => {
  configure(undefined);
  await sim.close();
});

function withFileId(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(args), (_key, value: unknown) =>
    value === "$fileId" ? fileId : value,
  ) as Record<string, unknown>;
}

describe("malformed campaign programs at check", () => {
  it("table has at least 50 cases with unique names", () => {
    expect(badPrograms.length).toBeGreaterThanOrEqual(50);
    expect(new Set(badPrograms.map((program) => program.name)).size).toBe(badPrograms.length);
    for (const name of previewSample) {
      expect(badPrograms.map((program) => program.name)).toContain(name);
    }
  });

  it.each(badPrograms.map((program) => [program.name, program] as const))(
    "%s fails naming its property",
    async (_name, program) => {
      const news = {
        ...withFileId(program.args),
        resourceIdentity: "urn:pulumi:check::p::pulumi-nodejs:dynamic/thrad:Campaign::bad",
      };
      const result = await campaignProvider.check({}, news);
      const failure = result.failures.find((candidate) => candidate.property === program.property);
      expect(failure, JSON.stringify(result.failures)).toBeDefined();
      expect(failure?.reason).toMatch(program.reason);
    },
  );

  it("the same arguments made well pass check", async () => {
    const result = await campaignProvider.check(
      {},
      {
        resourceIdentity: "urn:pulumi:check::p::pulumi-nodejs:dynamic/thrad:Campaign::good",
        name: "Good input",
        lifetimeBudgetMicros: 20_000_000,
        adGroups: [
          {
            name: "Trail group",
            maxBidMicros: 1_000_000,
            ads: [
              {
                title: "Grip on trails",
                body: "Light shoes.",
                targetUrl: "https://x.example",
                fileId,
              },
            ],
          },
        ],
      },
    );
    expect(result.failures).toEqual([]);
  });

  it("checks made no calls to the simulator", async () => {
    expect(await sim.control.calls()).toEqual([]);
  });
});

describe("malformed creatives at check", () => {
  const notAnImage = path.join(tmpdir(), `thrad-not-an-image-${process.pid}.txt`);
  writeFileSync(notAnImage, "plain text, not a picture");

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["image file missing", { path: "/nonexistent/shoe.png" }, "path", /cannot read image file/],
    ["file that is not an image", { path: notAnImage }, "path", /not a PNG, JPEG or WebP/],
    [
      "path and content both set",
      { path: sampleImagePath, contentBase64: "AAAA" },
      "path",
      /not both/,
    ],
    ["path a number", { path: 7 }, "path", /must be a file path string/],
    [
      "content that is not an image",
      { contentBase64: "aGVsbG8=" },
      "contentBase64",
      /not a PNG, JPEG or WebP/,
    ],
    ["neither path nor content", {}, "path", /set either path or content/],
    ["adopted file id empty", { adoptFileId: " " }, "adoptFileId", /non-empty file_id/],
  ];

  it.each(cases)("%s fails naming its property", async (_name, news, property, reason) => {
    const result = await creativeProvider.check(
      {},
      {
        ...news,
        resourceIdentity: "urn:pulumi:check::p::pulumi-nodejs:dynamic/thrad:Creative::i",
      },
    );
    const failure = result.failures.find((candidate) => candidate.property === property);
    expect(failure, JSON.stringify(result.failures)).toBeDefined();
    expect(failure?.reason).toMatch(reason);
  });
});
