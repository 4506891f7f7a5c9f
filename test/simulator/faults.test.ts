import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { routeMatches } from "./fault-injector";
import { campaignBody, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

let simulator: RunningSimulator;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: 1_800_000_000, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

describe("route patterns", () => {
  const cases: Array<[string, string, string, boolean]> = [
    ["/v1/**", "GET", "/v1/campaigns/abc", true],
    ["POST /v1/campaigns", "POST", "/v1/campaigns", true],
    ["POST /v1/campaigns", "GET", "/v1/campaigns", false],
    ["/v1/campaigns/*/activate", "POST", "/v1/campaigns/abc/activate", true],
    ["/v1/campaigns/*/activate", "POST", "/v1/campaigns/abc/pause", false],
    ["/v1/campaigns/*", "GET", "/v1/campaigns", false],
    ["post /v1/upload", "POST", "/v1/upload", true],
  ];
  for (const [route, method, path, expected] of cases) {
    it(`'${route}' ${expected ? "matches" : "skips"} ${method} ${path}`, () => {
      expect(routeMatches(route, method, path)).toBe(expected);
    });
  }
});

describe("injected faults", () => {
  for (const status of [500, 503] as const) {
    it(`answers ${status} without running the request`, async () => {
      await simulator.control.injectFault({ kind: "status", status, count: 1 });
      const fileId = await uploadPng(simulator).catch((error: Error) => error.message);
      const second = await callApi(simulator, "GET", "/ad_account");

      expect(fileId).toContain(status === 500 ? "internal_error" : "service_unavailable");
      expect(second.status).toBe(200);
      const calls = await simulator.control.calls();
      expect(calls[0]?.status).toBe(status);
      expect(calls[0]?.fault).toBe("status");
      expect(calls[1]?.fault).toBeNull();
    });
  }

  it("answers an injected 429 with Retry-After", async () => {
    await simulator.control.injectFault({ kind: "status", status: 429, retry_after_seconds: 7 });
    const result = await callApi(simulator, "GET", "/ad_account");

    expect(result.status).toBe(429);
    expect(result.body.error.code).toBe("rate_limit_exceeded");
    expect(result.headers.get("retry-after")).toBe("7");
  });

  it("delays matching requests", async () => {
    await simulator.control.injectFault({
      kind: "latency",
      latency_ms: 200,
      route: "GET /v1/ad_account",
    });
    const started = Date.now();
    const result = await callApi(simulator, "GET", "/ad_account");

    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("resets the connection without an effect", async () => {
    await simulator.control.injectFault({ kind: "reset", route: "POST /v1/upload", count: 1 });

    await expect(uploadPng(simulator)).rejects.toThrow();
    const calls = await simulator.control.calls();
    expect(calls[0]?.status).toBeNull();
    expect(calls[0]?.fault).toBe("reset");
    await expect(uploadPng(simulator)).resolves.toMatch(/^uploads\//);
  });

  it("commits, drops the response, then replays on retry", async () => {
    const fileId = await uploadPng(simulator);
    await simulator.control.injectFault({
      kind: "commit_then_drop",
      route: "POST /v1/campaigns",
      count: 1,
    });
    const body = campaignBody(fileId);
    const create = () =>
      callApi(simulator, "POST", "/campaigns", { body, idempotencyKey: "drop-1" });

    await expect(create()).rejects.toThrow();
    expect(await simulator.control.campaigns()).toHaveLength(1);
    expect(await simulator.control.ledger()).toHaveLength(1);

    const retry = await create();
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await simulator.control.ledger()).toHaveLength(1);

    const calls = (await simulator.control.calls()).filter((call) => call.path === "/v1/campaigns");
    expect(calls.map((call) => [call.status, call.fault, call.charged])).toEqual([
      [201, "commit_then_drop", true],
      [201, null, false],
    ]);
  });

  it("hits a fraction of calls, the same way on every run", async () => {
    const runPattern = async () => {
      const local = await startSimulator({ randomSeed: 42 });
      try {
        await local.control.injectFault({ kind: "status", status: 503, fraction: 0.5 });
        const statuses: number[] = [];
        for (let index = 0; index < 40; index += 1) {
          statuses.push((await callApi(local, "GET", "/ad_account")).status);
        }
        return statuses;
      } finally {
        await local.close();
      }
    };
    const first = await runPattern();
    const second = await runPattern();
    const failures = first.filter((status) => status === 503).length;

    expect(second).toEqual(first);
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it("lists and clears faults", async () => {
    const fault = await simulator.control.injectFault({ kind: "status", status: 500 });
    const response = await fetch(`${simulator.url}/_sim/faults`);
    const listed = (await response.json()) as { data: Array<{ id: number }> };

    expect(listed.data.map((entry) => entry.id)).toEqual([fault.id]);
    await simulator.control.clearFaults();
    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
  });

  it("rejects an invalid fault spec", async () => {
    const bad = [
      { kind: "explode" },
      { kind: "status", status: 418 },
      { kind: "status", fraction: 2 },
      { kind: "latency", latency_ms: -1 },
    ];
    for (const spec of bad) {
      await expect(simulator.control.injectFault(spec as never)).rejects.toMatchObject({
        status: 400,
      });
    }
  });
});
