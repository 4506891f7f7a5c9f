import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "./api-error";
import type { SimulatedClock } from "./clock";

/** Secret keys start with `ak_`; the simulator also requires at least one more character. */
const KEY_FORMAT = /^ak_[A-Za-z0-9_-]+$/;

interface KeyEntry {
  key: string;
  /** Simulated Unix second after which the key stops working; `null` = no expiry. */
  expiresAt: number | null;
}

export function keyScope(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Accepted API keys with rotation and revocation. Rotation mints a new key and leaves the
 * old ones usable for a grace period (30 minutes on Thrad); revocation is immediate.
 */
export class KeyStore {
  private readonly entries: KeyEntry[];
  private readonly clock: SimulatedClock;
  private readonly graceSeconds: number;

  constructor(keys: readonly string[], clock: SimulatedClock, graceSeconds: number) {
    for (const key of keys) {
      if (!KEY_FORMAT.test(key)) {
        throw new Error(
          "Each simulator API key must be 'ak_' followed by letters, digits, _ or -.",
        );
      }
    }
    this.entries = keys.map((key) => ({ key, expiresAt: null }));
    this.clock = clock;
    this.graceSeconds = graceSeconds;
  }

  /**
   * Checks an `Authorization` header and returns the scope (a hash) of the accepted key.
   * The error never says why a key failed, as on the real API.
   */
  authenticate(header: string | undefined): string {
    if (header === undefined || header.trim() === "") {
      throw new ApiError(
        401,
        "auth_required",
        "Authentication credentials were not provided.",
        null,
        "authentication_error",
      );
    }

    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const key = match?.[1];
    const now = this.clock.now();
    const entry = this.entries.find(
      (candidate) =>
        candidate.key === key && (candidate.expiresAt === null || now < candidate.expiresAt),
    );
    if (key === undefined || !KEY_FORMAT.test(key) || !entry) {
      throw new ApiError(401, "invalid_api_key", "Invalid API key.", null, "authentication_error");
    }
    return keyScope(entry.key);
  }

  /** Mints a new key; every key that was active expires after the grace period. */
  rotate(): { key: string; previous_keys_expire_at: number } {
    const expiresAt = this.clock.now() + this.graceSeconds;
    for (const entry of this.entries) {
      if (entry.expiresAt === null) entry.expiresAt = expiresAt;
    }
    const key = `ak_sim_${randomBytes(16).toString("hex")}`;
    this.entries.push({ key, expiresAt: null });
    return { key, previous_keys_expire_at: expiresAt };
  }

  /** Revokes a key at once; returns whether the key was known. */
  revoke(key: string): boolean {
    const index = this.entries.findIndex((entry) => entry.key === key);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }
}
