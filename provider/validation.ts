/**
 * Small checks used by the providers' `check` methods. Each failure names the property path
 * (for example `adGroups[0].maxBidMicros`) so that `pulumi preview` points at the mistake
 * before any call that could charge. Unknown preview values are accepted as they are.
 */
import { unknownValue } from "./unknown-value";

export interface CheckFailure {
  property: string;
  reason: string;
}

export class FailureList {
  readonly failures: CheckFailure[] = [];

  add(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  /** Checks a required or optional string and its length in characters. */
  string(
    property: string,
    value: unknown,
    limits: { min?: number; max?: number; optional?: boolean },
  ): void {
    if (value === unknownValue || (value === undefined && limits.optional)) {
      return;
    }
    if (typeof value !== "string") {
      this.add(property, `must be a string, got ${describe(value)}`);
      return;
    }
    const min = limits.min ?? 1;
    if (value.trim().length < min) {
      this.add(property, min === 1 ? "must not be empty" : `must be at least ${min} characters`);
    } else if (limits.max !== undefined && value.length > limits.max) {
      this.add(property, `must be at most ${limits.max} characters, got ${value.length}`);
    }
  }

  /** Checks an amount of money in integer micros ($1 = 1,000,000 micros). */
  micros(property: string, value: unknown, limits: { min: number; max?: number }): void {
    if (value === unknownValue) {
      return;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.add(property, `must be an integer number of micros, got ${describe(value)}`);
      return;
    }
    if (!Number.isSafeInteger(value)) {
      this.add(
        property,
        `must be an integer number of micros ($1 = 1000000), got ${value}; ` +
          "use dollars() to convert a dollar amount",
      );
      return;
    }
    if (value < limits.min || (limits.max !== undefined && value > limits.max)) {
      const range =
        limits.max === undefined
          ? `at least ${limits.min}`
          : `between ${limits.min} and ${limits.max}`;
      this.add(property, `must be ${range} micros, got ${value}`);
    }
  }

  /** Checks an http or https URL. */
  url(property: string, value: unknown, maxLength: number): void {
    this.string(property, value, { max: maxLength });
    if (typeof value !== "string" || value === unknownValue) {
      return;
    }
    try {
      const url = new URL(value);
      if (url.protocol !== "https:" && url.protocol !== "http:") {
        this.add(property, `must be an http or https URL, got "${value}"`);
      }
    } catch {
      this.add(property, `must be an absolute http or https URL, got "${value}"`);
    }
  }

  /** Checks a value against a fixed set of strings. */
  oneOf(property: string, value: unknown, allowed: readonly string[]): void {
    if (value === unknownValue) {
      return;
    }
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.add(
        property,
        `must be one of ${allowed.map((v) => `"${v}"`).join(", ")}, ` + `got ${describe(value)}`,
      );
    }
  }

  /** Checks that a value is an array, returning it (or an empty array after a failure). */
  array(property: string, value: unknown, limits: { min?: number; optional?: boolean }): unknown[] {
    if (value === unknownValue || (value === undefined && limits.optional)) {
      return [];
    }
    if (!Array.isArray(value)) {
      this.add(property, `must be a list, got ${describe(value)}`);
      return [];
    }
    if (limits.min !== undefined && value.length < limits.min) {
      this.add(property, `must have at least ${limits.min} item${limits.min === 1 ? "" : "s"}`);
    }
    return value;
  }
}

/** Describes a value for a message without dumping large content. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return "nothing (the property is missing)";
  }
  if (value === null) {
    return "null";
  }
  if (typeof value === "string") {
    return value.length > 40 ? `a string of ${value.length} characters` : `"${value}"`;
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/** Turns an ISO 8601 string or Unix seconds into Unix seconds, or undefined if invalid. */
export function toUnixSeconds(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) {
    return value;
  }
  if (typeof value === "string") {
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
  }
  return undefined;
}
