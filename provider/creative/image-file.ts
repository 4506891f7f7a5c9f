/**
 * Reads and checks the image behind a Creative. The API judges the format from the bytes
 * alone and accepts PNG, JPEG and WebP up to 5 MB, so the same rules run here at preview time.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";

export const maxImageBytes = 5 * 1024 * 1024;

export type ImageFormat = "png" | "jpeg" | "webp";

export const contentTypes: Record<ImageFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

/** Detects the image format from its first bytes. */
export function detectImageFormat(bytes: Buffer): ImageFormat | undefined {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return "png";
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "jpeg";
  }
  if (
    bytes.length >= 12 &&
    bytes.toString("latin1", 0, 4) === "RIFF" &&
    bytes.toString("latin1", 8, 12) === "WEBP"
  ) {
    return "webp";
  }
  return undefined;
}

export interface ImageSource {
  path?: string;
  contentBase64?: string;
}

export interface LoadedImage {
  bytes: Buffer;
  sha256: string;
  format: ImageFormat;
  defaultFilename: string;
}

/** Loads an image from a path or base64 text, or returns the reason it cannot be used. */
export function loadImage(
  source: ImageSource,
): LoadedImage | { problem: string; property: string } {
  let bytes: Buffer;
  let defaultFilename: string;
  if (source.path !== undefined) {
    try {
      const size = statSync(source.path).size;
      if (size > maxImageBytes) {
        return { property: "path", problem: tooLarge(size) };
      }
      bytes = readFileSync(source.path);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "unreadable";
      return { property: "path", problem: `cannot read image file "${source.path}" (${code})` };
    }
    defaultFilename = basename(source.path);
  } else if (source.contentBase64 !== undefined) {
    bytes = Buffer.from(source.contentBase64, "base64");
    defaultFilename = "image";
  } else {
    return { property: "path", problem: "set either path or content (the image bytes)" };
  }

  const property = source.path !== undefined ? "path" : "contentBase64";
  if (bytes.length > maxImageBytes) {
    return { property, problem: tooLarge(bytes.length) };
  }
  const format = detectImageFormat(bytes);
  if (!format) {
    return { property, problem: "is not a PNG, JPEG or WebP image (judged from its bytes)" };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { bytes, sha256, format, defaultFilename };
}

function tooLarge(size: number): string {
  return `image is ${size} bytes; the API accepts at most ${maxImageBytes} bytes (5 MB)`;
}
