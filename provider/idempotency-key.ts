/**
 * Idempotency keys for the API's POSTs. A key is a hash of the resource's identity, the
 * operation and the exact request body, so:
 * - a retry, or a re-run of `pulumi up` after a crash, sends the same key and gets the stored
 *   response back instead of a second charge;
 * - a create retried with a corrected body gets a new key and is not rejected as a reuse.
 */
import { createHash } from "node:crypto";

/** Serializes a JSON value with object keys sorted, so equal bodies give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Orders strings by UTF-16 code units, independent of locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Derives a key shaped like a UUID from the resource identity (project, stack, type and name,
 * the parts of its URN), an operation name and the request body.
 */
export function deriveIdempotencyKey(
  resourceIdentity: string,
  operation: string,
  body: unknown,
): string {
  const digest = createHash("sha256")
    .update(resourceIdentity)
    .update("\n")
    .update(operation)
    .update("\n")
    .update(canonicalJson(body))
    .digest("hex");
  return [
    digest.slice(0, 8),
    digest.slice(8, 12),
    digest.slice(12, 16),
    digest.slice(16, 20),
    digest.slice(20, 32),
  ].join("-");
}
