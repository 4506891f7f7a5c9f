import { deflateSync } from "node:zlib";
import type { RunningSimulator } from "../index";
import { callApi } from "./http";

/** Builds a 1x1 PNG: signature, IHDR, one IDAT row and IEND, with CRCs left zero. */
export function pngBytes(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Builds JPEG start and end markers around a few filler bytes. */
export function jpegBytes(): Buffer {
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
}

/** Builds a RIFF/WEBP container with a small VP8L chunk and a consistent RIFF size. */
export function webpBytes(): Buffer {
  const payload = Buffer.concat([Buffer.from("WEBPVP8L", "latin1"), Buffer.alloc(12)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(payload.length);
  return Buffer.concat([Buffer.from("RIFF", "latin1"), size, payload]);
}

export function imageForm(bytes: Buffer, fileName = "image.png", type = "image/png"): FormData {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), fileName);
  return form;
}

/** Uploads a PNG and returns its `file_id`. */
export async function uploadPng(simulator: RunningSimulator): Promise<string> {
  const result = await callApi(simulator, "POST", "/upload", { form: imageForm(pngBytes()) });
  if (result.status !== 201) throw new Error(`Upload failed: ${JSON.stringify(result.body)}`);
  return result.body.file_id as string;
}

export function chatCardAd(fileId: string, title = "Fresh roasted coffee") {
  return {
    name: `Card ${title}`,
    creative: {
      type: "chat_card",
      title,
      body: "Order beans roasted this week.",
      file_id: fileId,
      target_url: "https://shop.example.com/coffee",
      cta_text: "Shop now",
    },
  };
}

export function pollAd() {
  return {
    creative: {
      type: "poll",
      question: "How do you brew coffee?",
      options: ["Espresso", "Filter", "French press"],
      target_url: "https://shop.example.com/poll",
    },
  };
}

/** Builds a valid nested create body: one ad group with one chat card ad. */
export function campaignBody(fileId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: "US + Germany launch",
    budget: { lifetime_spend_limit_micros: 50_000_000 },
    targeting: { locations: { include: [{ country_code: "US" }, { country_code: "de" }] } },
    ad_groups: [
      {
        name: "Prospecting",
        context_hints: ["coffee", "breakfast"],
        bidding_config: { max_bid_micros: 2_000_000 },
        ads: [chatCardAd(fileId)],
      },
    ],
    ...overrides,
  };
}

/** Creates a campaign through the API and returns its read-back body. */
export async function createCampaign(
  simulator: RunningSimulator,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const fileId = await uploadPng(simulator);
  const result = await callApi(simulator, "POST", "/campaigns", {
    body: campaignBody(fileId, overrides),
  });
  if (result.status !== 201) throw new Error(`Create failed: ${JSON.stringify(result.body)}`);
  return result.body;
}
