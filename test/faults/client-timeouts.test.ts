// The transport's timeouts, backoff and Retry-After handling against servers on 127.0.0.1
// that never accept, never respond, or respond 429 with each form of Retry-After.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ThradConnectionError } from "../../provider/client/errors";
import { ThradClient } from "../../provider/client/thrad-client";
import { retryAfterMs, retryDelayMs } from "../../provider/client/transport";

const apiKey = "ak_fault_timeout_key_d41c";
const account = { id: "acc", name: "", url: "", timezone: "UTC", currency_code: "USD" };
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/**
 * A listening socket that never accepts, with its one-slot backlog already full, so that a
 * new connection attempt on 127.0.0.1 gets no reply to its SYN and waits until it times out.
 */
async function unacceptingPort(): Promise<number> {
  const script =
    "import socket, time\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\n" +
    "s.listen(0)\nprint(s.getsockname()[1], flush=True)\ntime.sleep(60)\n";
  const listener: ChildProcess = spawn("python3", ["-c", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanups.push(() => {
    listener.kill("SIGKILL");
  });
  const port = await new Promise<number>((resolve, reject) => {
    listener.stdout?.once("data", (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    listener.once("error", reject);
  });
  const fillers: Socket[] = [0, 1, 2].map(() => connect(port, "127.0.0.1"));
  fillers.forEach((socket) => socket.on("error", () => {}));
  cleanups.push(() => fillers.forEach((socket) => socket.destroy()));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

describe("transport timeouts", () => {
  it("connect timeout ends an unanswered connect", async () => {
    const port = await unacceptingPort();
    const client = new ThradClient({
      apiKey,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      connectTimeoutMs: 300,
      maxRetries: 1,
      minRetryDelayMs: 10,
      maxRetryDelayMs: 20,
      log: () => {},
    });
    const started = Date.now();
    const error = await client.getAdAccount().catch((caught: unknown) => caught);
    const elapsed = Date.now() - started;

    expect(error).toBeInstanceOf(ThradConnectionError);
    expect((error as Error).message).toMatch(/UND_ERR_CONNECT_TIMEOUT/);
    expect((error as Error).message).not.toContain(apiKey);
    // Two attempts of 300 ms each, far from any default timeout.
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(5_000);
    await client.close();
  });

  it("request timeout ends a silent response", async () => {
    let received = 0;
    const port = await listen(
      createServer(() => {
        received++;
      }),
    );
    const client = new ThradClient({
      apiKey,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      requestTimeoutMs: 300,
      maxRetries: 2,
      minRetryDelayMs: 10,
      maxRetryDelayMs: 20,
      log: () => {},
    });
    const started = Date.now();
    const error = await client.getAdAccount().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ThradConnectionError);
    expect((error as Error).message).toMatch(/UND_ERR_HEADERS_TIMEOUT/);
    expect(received).toBe(3);
    expect(Date.now() - started).toBeLessThan(5_000);
    await client.close();
  });
});

describe("retry policy", () => {
  const backoff = (random: number) => ({
    minDelayMs: 500,
    maxDelayMs: 8_000,
    random: () => random,
  });

  it("backoff doubles per retry up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelayMs(retry, backoff(1)))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
  });

  it("jitter takes off up to half", () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, backoff(0)))).toEqual([250, 500, 1_000]);
    const middle = retryDelayMs(3, backoff(0.5));
    expect(middle).toBe(1_500);
  });

  it("Retry-After reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-12-04T16:00:00Z");
    expect(retryAfterMs("3", now)).toBe(3_000);
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs("Fri, 04 Dec 2026 16:00:05 GMT", now)).toBe(5_000);
    expect(retryAfterMs("Fri, 04 Dec 2026 15:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it.each([
    ["seconds", () => "1"],
    ["an HTTP date", () => new Date(Date.now() + 2_000).toUTCString()],
  ])("429 with Retry-After as %s is honoured", async (_form, retryAfter) => {
    const arrivals: number[] = [];
    const port = await listen(
      createServer((request, response) => {
        arrivals.push(Date.now());
        request.resume();
        if (arrivals.length === 1) {
          response.writeHead(429, {
            "content-type": "application/json",
            "retry-after": retryAfter(),
          });
          response.end(
            JSON.stringify({
              error: {
                message: "Slow down.",
                type: "rate_limit_error",
                param: null,
                code: "rate_limit_exceeded",
              },
            }),
          );
          return;
        }
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(account));
      }),
    );
    const lines: string[] = [];
    const client = new ThradClient({
      apiKey,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      minRetryDelayMs: 10,
      maxRetryDelayMs: 20,
      log: (line) => lines.push(line),
    });

    await expect(client.getAdAccount()).resolves.toMatchObject({ id: "acc" });

    expect(arrivals).toHaveLength(2);
    // An HTTP date has whole seconds, so its wait can be up to a second shorter than asked.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
    expect(lines.join("\n")).toMatch(/GET \/ad_account got HTTP 429 rate_limit_exceeded; retry 1/);
    await client.close();
  });

  it("gives up after the retry budget on 5xx", async () => {
    let received = 0;
    const port = await listen(
      createServer((request, response) => {
        received++;
        request.resume();
        response.writeHead(503, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            error: {
              message: "Down.",
              type: "api_error",
              param: null,
              code: "service_unavailable",
            },
          }),
        );
      }),
    );
    const lines: string[] = [];
    const client = new ThradClient({
      apiKey,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      maxRetries: 3,
      minRetryDelayMs: 10,
      maxRetryDelayMs: 40,
      log: (line) => lines.push(line),
    });

    await expect(client.getAdAccount()).rejects.toMatchObject({ status: 503 });
    expect(received).toBe(4);
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).not.toContain(apiKey);
    await client.close();
  });
});
