import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const LISTENING = /^Thrad simulator listening on http:\/\/127\.0\.0\.1:(\d+)\/v1$/m;
let directory: string;
let mainScript: string;

/** Compiles only the simulator, so the test does not depend on the rest of the project. */
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "thrad-sim-main-"));
  const tsc = join(process.cwd(), "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [
    tsc,
    "--outDir",
    join(directory, "out"),
    "--rootDir",
    __dirname,
    "--module",
    "commonjs",
    "--target",
    "ES2022",
    "--lib",
    "ES2022",
    "--strict",
    "--skipLibCheck",
    "--types",
    "node",
    join(__dirname, "main.ts"),
  ]);
  mainScript = join(directory, "out", "main.js");
}, 60_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** Starts the command and resolves with its port once it printed the listening line. */
function startCommand(
  args: string[],
): Promise<{ child: ChildProcess; port: number; stdout: () => string }> {
  const child = spawn(process.execPath, [mainScript, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The simulator did not start within 10 s. stderr: ${stderr}`));
    }, 10_000);
    child.stdout?.on("data", () => {
      const match = LISTENING.exec(stdout);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve({ child, port: Number(match[1]), stdout: () => stdout });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The simulator exited with ${code}. stderr: ${stderr}`));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("The simulator did not stop within 10 s.")),
      10_000,
    );
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe("standalone command", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`serves on --port 0 and stops on ${signal}`, async () => {
      const statePath = join(directory, `state-${signal}.json`);
      const { child, port, stdout } = await startCommand([
        "--port",
        "0",
        "--state",
        statePath,
        "--key",
        "ak_cli_key",
      ]);

      expect(port).toBeGreaterThan(0);
      expect(stdout().trim().split("\n")).toHaveLength(1);
      const response = await fetch(`http://127.0.0.1:${port}/v1/ad_account`, {
        headers: { Authorization: "Bearer ak_cli_key" },
      });
      expect(response.status).toBe(200);
      expect(existsSync(statePath)).toBe(true);
      const accountId = ((await response.json()) as { id: string }).id;
      expect(JSON.parse(readFileSync(statePath, "utf8")).account.id).toBe(accountId);

      child.kill(signal);
      expect(await waitForExit(child)).toBe(0);
    }, 30_000);
  }

  it("rejects a bad port with a message", async () => {
    const child = spawn(process.execPath, [mainScript, "--port", "abc"], { stdio: "pipe" });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

    expect(await waitForExit(child)).toBe(1);
    expect(stderr).toContain("--port must be an integer");
  });
});
