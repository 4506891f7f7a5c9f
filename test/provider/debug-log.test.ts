// Request logging: off by default, one line per request with THRAD_LOG=debug, never the key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Transport } from "../../provider/client/transport";
import { startSimulator, type RunningSimulator } from "../simulator";

const apiKey = "ak_debug_log_key_d00f";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [apiKey] });
});

afterAll(async () => {
  await sim.close();
});

async function linesFor(debug: boolean | undefined, key = apiKey): Promise<string[]> {
  const lines: string[] = [];
  const transport = new Transport({
    apiKey: key,
    baseUrl: sim.apiBaseUrl,
    log: (line) => lines.push(line),
    maxRetries: 0,
    ...(debug === undefined ? {} : { debug }),
  });
  try {
    await transport.send({ method: "GET", path: "/ad_account" }).catch(() => undefined);
    await transport.send({ method: "GET", path: "/campaigns", query: { limit: 2 } });
  } catch {
    // A rejected key fails the second call too; the log lines are what this test reads.
  } finally {
    await transport.close();
  }
  return lines;
}

describe("request debug log", () => {
  it("is silent by default", async () => {
    const saved = process.env["THRAD_LOG"];
    delete process.env["THRAD_LOG"];
    try {
      expect(await linesFor(undefined)).toEqual([]);
    } finally {
      if (saved !== undefined) {
        process.env["THRAD_LOG"] = saved;
      }
    }
  });

  it("logs each request with status and time", async () => {
    const lines = await linesFor(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/ad_account -> HTTP 200 in \d+ ms/);
    expect(lines[1]).toMatch(/^GET \/campaigns -> HTTP 200/);
  });

  it("never logs the key, even when it is rejected", async () => {
    const wrongKey = "ak_rejected_debug_key_77";
    const lines = await linesFor(true, wrongKey);
    expect(lines.join("\n")).toMatch(/HTTP 401/);
    expect(lines.join("\n")).not.toContain(wrongKey);
    expect(lines.join("\n")).not.toContain(apiKey);
  });
});
