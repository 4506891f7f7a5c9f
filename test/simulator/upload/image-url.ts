import { isIP } from "node:net";
import { ApiError } from "../api-error";
import type { RemoteImageRegistry } from "./remote-images";

function invalidImageUrl(message: string): ApiError {
  return new ApiError(400, "invalid_image_url", message, "image_url");
}

/**
 * Returns the bytes behind an `image_url` after the API's checks, or raises the API's error.
 * The simulator never opens a connection. A URL that passes the checks is looked up among
 * the pretend responses registered through the control API; any other URL gets
 * `image_fetch_failed`, because the simulator has no network to fetch it from.
 */
export function resolveImageUrl(raw: unknown, registry: RemoteImageRegistry): Buffer {
  const url = checkImageUrl(raw);
  const image = registry.find(url);
  if (image === undefined) {
    throw new ApiError(
      400,
      "image_fetch_failed",
      "Fetching image_url failed: the simulator has no network access; upload the file instead.",
      "image_url",
    );
  }
  if (image.redirectTo !== null || (image.status >= 300 && image.status < 400)) {
    throw new ApiError(
      400,
      "too_many_redirects",
      "image_url answered with a redirect, and redirects are not followed; use the final URL.",
      "image_url",
    );
  }
  if (image.status < 200 || image.status >= 300) {
    throw new ApiError(
      400,
      "image_fetch_failed",
      `Fetching image_url failed with HTTP ${image.status}.`,
      "image_url",
    );
  }
  return image.bytes;
}

/** Applies the API's checks before a fetch and returns the URL, or raises `invalid_image_url`. */
function checkImageUrl(raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    throw invalidImageUrl("image_url must be a non-empty absolute http or https URL.");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidImageUrl("image_url must be an absolute http or https URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidImageUrl("image_url must use http or https.");
  }

  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isNonPublicHost(host)) {
    throw invalidImageUrl(
      `image_url host '${host}' is not a public address; the image must be publicly reachable.`,
    );
  }
  return raw;
}

/** Returns true for a host name or IP literal that is loopback, private, link-local or reserved. */
export function isNonPublicHost(host: string): boolean {
  const version = isIP(host);
  if (version === 4) return isReservedIpv4(host);
  if (version === 6) return isReservedIpv6(host);

  // A single-label name or a reserved suffix never resolves in public DNS.
  const reservedSuffixes = [".localhost", ".local", ".internal", ".lan", ".home.arpa"];
  return (
    host === "localhost" ||
    !host.includes(".") ||
    reservedSuffixes.some((suffix) => host.endsWith(suffix))
  );
}

function isReservedIpv4(host: string): boolean {
  const [a = 0, b = 0, c = 0] = host.split(".").map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224
  );
}

function isReservedIpv6(host: string): boolean {
  if (host === "::" || host === "::1") return true;
  const mapped = mappedIpv4(host);
  if (mapped !== undefined) return isReservedIpv4(mapped);

  const first = Number.parseInt(host.split(":")[0] ?? "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast ff00::/8
    host.startsWith("2001:db8:") || // documentation 2001:db8::/32
    first === 0
  );
}

/**
 * Returns the IPv4 address inside an IPv4-mapped IPv6 address. The URL parser writes
 * `::ffff:127.0.0.1` as `::ffff:7f00:1`, so both spellings are read.
 */
function mappedIpv4(host: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (dotted?.[1] !== undefined) return dotted[1];

  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (hex?.[1] === undefined || hex[2] === undefined) return undefined;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}
