// Every error code the API documentation names must be expected by at least one contract test,
// so a code that the simulator stops producing cannot go unnoticed.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

/** Error codes named in Thrad's Advertiser API documentation, with their HTTP status. */
const documentedCodes: [string, number][] = [
  ["auth_required", 401],
  ["invalid_api_key", 401],
  ["rate_limit_exceeded", 429],
  ["billing_not_configured", 400],
  ["card_declined", 402],
  ["invalid_value", 400],
  ["invalid_file", 400],
  ["file_too_large", 400],
  ["unsupported_mimetype", 400],
  ["invalid_image_url", 400],
  ["image_fetch_failed", 400],
  ["too_many_redirects", 400],
  ["poll_cannot_be_ai", 400],
  ["aggregation_level_too_high", 400],
  ["range_too_wide", 400],
  ["invalid_time_range", 400],
  ["hourly_range_too_wide", 400],
  ["unknown_field", 400],
  ["invalid_filter", 400],
  ["use_status_action", 400],
  ["campaign_not_approved", 400],
  ["campaign_not_running", 400],
];

const testSources = readdirSync(__dirname)
  .filter((file) => file.endsWith(".test.ts") && file !== path.basename(__filename))
  .map((file) => readFileSync(path.join(__dirname, file), "utf8"))
  .join("\n");

describe("documented error codes", () => {
  it.each(documentedCodes)("%s is expected by a contract test", (code) => {
    expect(testSources).toContain(`"${code}"`);
  });
});
