/** Result of sniffing uploaded bytes. */
export type SniffResult =
  | { kind: "supported"; format: "png" | "jpeg" | "webp" }
  /** Bytes of an image format the API does not take (GIF, BMP, TIFF, ICO, HEIF/AVIF, SVG). */
  | { kind: "unsupported"; format: string }
  /** Bytes that start like a supported image but are cut short or broken. */
  | { kind: "corrupt"; format: "png" | "jpeg" | "webp" }
  | { kind: "unknown" };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Judges an image format from its magic bytes only; file names and declared content types
 * play no part. Supported images also get a minimal structural check (PNG header chunk,
 * JPEG end marker, WebP RIFF size and chunk), a stand-in for the API's decode step.
 */
export function sniffImage(bytes: Buffer): SniffResult {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const hasHeader = bytes.length >= 33 && bytes.toString("latin1", 12, 16) === "IHDR";
    return hasHeader ? { kind: "supported", format: "png" } : { kind: "corrupt", format: "png" };
  }
  if (startsWith(bytes, Buffer.from([0xff, 0xd8, 0xff]))) {
    const ends = bytes.length >= 4 && bytes[bytes.length - 2] === 0xff && bytes.at(-1) === 0xd9;
    return ends ? { kind: "supported", format: "jpeg" } : { kind: "corrupt", format: "jpeg" };
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    const declared = bytes.length >= 8 ? bytes.readUInt32LE(4) + 8 : 0;
    const chunk = ascii(bytes, 12, 16);
    const valid = bytes.length >= 20 && declared <= bytes.length && chunk.startsWith("VP8");
    return valid ? { kind: "supported", format: "webp" } : { kind: "corrupt", format: "webp" };
  }
  const other = otherImageFormat(bytes);
  return other === undefined ? { kind: "unknown" } : { kind: "unsupported", format: other };
}

function otherImageFormat(bytes: Buffer): string | undefined {
  const head = ascii(bytes, 0, 6);
  if (head === "GIF87a" || head === "GIF89a") return "gif";
  if (head.startsWith("BM")) return "bmp";
  if (startsWith(bytes, Buffer.from([0x49, 0x49, 0x2a, 0x00]))) return "tiff";
  if (startsWith(bytes, Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))) return "tiff";
  if (startsWith(bytes, Buffer.from([0x00, 0x00, 0x01, 0x00]))) return "ico";
  const brand = ascii(bytes, 4, 12);
  if (brand.startsWith("ftyp")) return brand.slice(4);
  const text = bytes.toString("utf8", 0, Math.min(bytes.length, 512)).trimStart();
  if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg"))) return "svg";
  return undefined;
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.length >= end ? bytes.toString("latin1", start, end) : "";
}
