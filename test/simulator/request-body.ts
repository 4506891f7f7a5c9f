import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ParsedBody } from "./api-request";
import { canonicalJson } from "./http-io";

/**
 * Parses a raw body by its content type: multipart through the WHATWG `Request#formData()`
 * of Node, anything else as JSON. An empty body is `none`.
 */
export async function parseBody(request: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  const contentType = request.headers["content-type"] ?? "";
  if (/^multipart\/form-data/i.test(contentType)) {
    try {
      const parsed = new Request("http://127.0.0.1/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: raw,
      });
      return { kind: "form", form: await parsed.formData() };
    } catch (error) {
      return { kind: "invalid_form", reason: error instanceof Error ? error.message : "unknown" };
    }
  }

  if (raw.length === 0) return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(raw.toString("utf8")) as unknown };
  } catch (error) {
    return { kind: "invalid_json", reason: error instanceof Error ? error.message : "unknown" };
  }
}

/**
 * Computes a digest of method, path and body, which tells an idempotent retry from another
 * request under the same key. JSON is compared with keys sorted and multipart by its
 * parts, so a new boundary string does not make a different body.
 */
export async function requestFingerprint(
  method: string,
  path: string,
  body: ParsedBody,
): Promise<string> {
  const hash = createHash("sha256").update(`${method} ${path}\n`);
  if (body.kind === "json") hash.update(canonicalJson(body.value));
  if (body.kind === "invalid_json" || body.kind === "invalid_form") hash.update(body.reason);
  if (body.kind === "form") {
    for (const [name, value] of body.form.entries()) {
      hash.update(`\n${name}=`);
      if (typeof value === "string") hash.update(value);
      else hash.update(Buffer.from(await value.arrayBuffer()));
    }
  }
  return hash.digest("hex");
}
