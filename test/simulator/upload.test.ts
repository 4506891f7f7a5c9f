import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { imageForm, jpegBytes, pngBytes, webpBytes } from "./testing/fixtures";
import { callApi } from "./testing/http";
import { LIMITS } from "./validation/limits";

let simulator: RunningSimulator;

beforeEach(async () => {
  // 2026-06-15 UTC, so file ids carry 2026/06.
  simulator = await startSimulator({ clock: { start: 1_781_481_600, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

describe("POST /v1/upload with a file", () => {
  const accepted = [
    { name: "PNG", bytes: pngBytes(), extension: "png" },
    { name: "JPEG", bytes: jpegBytes(), extension: "jpg" },
    { name: "WebP", bytes: webpBytes(), extension: "webp" },
  ];
  for (const image of accepted) {
    it(`accepts ${image.name}`, async () => {
      const result = await callApi(simulator, "POST", "/upload", { form: imageForm(image.bytes) });

      expect(result.status).toBe(201);
      expect(Object.keys(result.body)).toEqual(["file_id"]);
      const pattern = new RegExp(`^uploads/2026/06/[0-9a-f]{32}\\.${image.extension}$`);
      expect(result.body.file_id).toMatch(pattern);
    });
  }

  it("judges the format by bytes, not by name or type", async () => {
    const form = imageForm(jpegBytes(), "picture.png", "image/png");
    const result = await callApi(simulator, "POST", "/upload", { form });

    expect(result.status).toBe(201);
    expect(result.body.file_id).toMatch(/\.jpg$/);
  });

  const gif = Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.alloc(20)]);
  const rejected = [
    { name: "GIF bytes", bytes: gif, code: "unsupported_mimetype" },
    {
      name: "BMP bytes",
      bytes: Buffer.from("BM\0\0\0\0\0\0\0\0", "latin1"),
      code: "unsupported_mimetype",
    },
    { name: "SVG text", bytes: Buffer.from("<svg xmlns='x'></svg>"), code: "unsupported_mimetype" },
    { name: "plain text", bytes: Buffer.from("hello, not an image"), code: "invalid_file" },
    { name: "empty file", bytes: Buffer.alloc(0), code: "invalid_file" },
    { name: "truncated PNG", bytes: pngBytes().subarray(0, 20), code: "invalid_file" },
    { name: "JPEG without end marker", bytes: jpegBytes().subarray(0, 8), code: "invalid_file" },
    {
      name: "oversized PNG",
      bytes: Buffer.concat([pngBytes(), Buffer.alloc(LIMITS.uploadMaxBytes)]),
      code: "file_too_large",
    },
  ];
  for (const testCase of rejected) {
    it(`rejects ${testCase.name} with ${testCase.code}`, async () => {
      const form = imageForm(testCase.bytes);
      const result = await callApi(simulator, "POST", "/upload", { form });

      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(testCase.code);
      expect(result.body.error.type).toBe("invalid_request_error");
    });
  }

  it("accepts a file of exactly 5 MiB", async () => {
    const padding = Buffer.alloc(LIMITS.uploadMaxBytes - pngBytes().length);
    const form = imageForm(Buffer.concat([pngBytes(), padding]));
    const result = await callApi(simulator, "POST", "/upload", { form });

    expect(result.status).toBe(201);
  });

  it("rejects a text part named file", async () => {
    const form = new FormData();
    form.append("file", "not a file");
    const result = await callApi(simulator, "POST", "/upload", { form });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_file");
  });
});

describe("POST /v1/upload input shape", () => {
  it("rejects a body with neither file nor image_url", async () => {
    const result = await callApi(simulator, "POST", "/upload", { body: {} });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_value");
    expect(result.body.error.param).toBe("file");
  });

  it("rejects both file and image_url", async () => {
    const form = imageForm(pngBytes());
    form.append("image_url", "https://images.example.com/a.png");
    const result = await callApi(simulator, "POST", "/upload", { form });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_value");
  });

  it("rejects malformed JSON", async () => {
    const result = await callApi(simulator, "POST", "/upload", { body: "{not json" });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_json");
  });
});

describe("POST /v1/upload with image_url", () => {
  const blocked = [
    "",
    "not a url",
    "ftp://images.example.com/a.png",
    "http://localhost/a.png",
    "http://127.0.0.1:8080/a.png",
    "http://10.1.2.3/a.png",
    "http://172.16.0.1/a.png",
    "http://192.168.1.1/a.png",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/a.png",
    "http://0.0.0.0/a.png",
    "http://[::1]/a.png",
    "http://[fd00::1]/a.png",
    "http://[fe80::1]/a.png",
    "http://[::ffff:127.0.0.1]/a.png",
    "http://intranet/a.png",
    "http://printer.local/a.png",
  ];
  for (const imageUrl of blocked) {
    it(`rejects '${imageUrl}' with invalid_image_url`, async () => {
      const result = await callApi(simulator, "POST", "/upload", { body: { image_url: imageUrl } });

      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe("invalid_image_url");
      expect(result.body.error.param).toBe("image_url");
    });
  }

  it("answers image_fetch_failed for a public URL without fetching it", async () => {
    const body = { image_url: "https://images.example.com/banner.png" };
    const result = await callApi(simulator, "POST", "/upload", { body });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("image_fetch_failed");
  });

  it("treats a non-string image_url as invalid", async () => {
    const result = await callApi(simulator, "POST", "/upload", { body: { image_url: 42 } });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_image_url");
  });
});

describe("POST /v1/upload with a registered remote image", () => {
  const url = "https://images.example.com/banner.png";

  it("stores the registered bytes", async () => {
    await simulator.control.addRemoteImage({ url, imageBase64: webpBytes().toString("base64") });
    const result = await callApi(simulator, "POST", "/upload", { body: { image_url: url } });

    expect(result.status).toBe(201);
    expect(result.body.file_id).toMatch(/^uploads\/2026\/06\/[0-9a-f]{32}\.webp$/);
  });

  const failures = [
    {
      name: "a redirect",
      spec: { redirectTo: "https://cdn.example.com/b.png" },
      code: "too_many_redirects",
    },
    { name: "a 301 status", spec: { status: 301 }, code: "too_many_redirects" },
    { name: "a 404 status", spec: { status: 404 }, code: "image_fetch_failed" },
    {
      name: "GIF bytes",
      spec: { imageBase64: Buffer.from("GIF89a0000000000").toString("base64") },
      code: "unsupported_mimetype",
    },
    { name: "no bytes", spec: {}, code: "invalid_file" },
    {
      name: "an oversized image",
      spec: {
        imageBase64: Buffer.concat([pngBytes(), Buffer.alloc(LIMITS.uploadMaxBytes)]).toString(
          "base64",
        ),
      },
      code: "file_too_large",
    },
  ];
  for (const failure of failures) {
    it(`answers ${failure.code} for ${failure.name}`, async () => {
      await simulator.control.addRemoteImage({ url, ...failure.spec });
      const result = await callApi(simulator, "POST", "/upload", { body: { image_url: url } });

      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(failure.code);
      expect(result.body.error.param).toBe("image_url");
    });
  }

  it("still rejects a registered private host", async () => {
    const privateUrl = "http://10.0.0.5/a.png";
    await simulator.control.addRemoteImage({ url: privateUrl, imageBase64: "AAAA" });
    const result = await callApi(simulator, "POST", "/upload", { body: { image_url: privateUrl } });

    expect(result.body.error.code).toBe("invalid_image_url");
  });

  it("forgets registrations on clear", async () => {
    await simulator.control.addRemoteImage({ url, imageBase64: pngBytes().toString("base64") });
    await simulator.control.clearRemoteImages();
    const result = await callApi(simulator, "POST", "/upload", { body: { image_url: url } });

    expect(result.body.error.code).toBe("image_fetch_failed");
  });
});
