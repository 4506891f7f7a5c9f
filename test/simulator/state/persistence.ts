import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { SimulatorState } from "./model";

/** Reads a state file written by `saveState`; returns `undefined` when the file is absent. */
export function loadState(path: string): SimulatorState | undefined {
  if (!existsSync(path)) return undefined;

  const text = readFileSync(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Simulator state file ${path} is not valid JSON: ${String(error)}`);
  }
  if (!isStateV1(parsed)) {
    throw new Error(`Simulator state file ${path} is not a version 1 simulator state.`);
  }
  return parsed;
}

/** Writes the state through a temporary file and a rename, so a crash never leaves half a file. */
export function saveState(path: string, state: SimulatorState): void {
  const temporaryPath = `${path}.${process.pid}.tmp`;
  writeFileSync(temporaryPath, JSON.stringify(state, null, 2));
  renameSync(temporaryPath, path);
}

function isStateV1(value: unknown): value is SimulatorState {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  const tables = ["campaigns", "ad_groups", "ads", "files"];
  return (
    record["version"] === 1 &&
    typeof record["account"] === "object" &&
    Array.isArray(record["ledger"]) &&
    Array.isArray(record["idempotency"]) &&
    tables.every((table) => typeof record[table] === "object" && record[table] !== null)
  );
}
