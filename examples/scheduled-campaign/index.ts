// A campaign that runs for a fixed window. Times are ISO 8601 strings or Unix seconds (UTC).
// The API rejects a start earlier than about two days ahead; set your own window with
// `pulumi config set startTime ...` and `pulumi config set endTime ...`.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Campaign, Creative, dollars } from "pulumi-thrad";

const config = new pulumi.Config();
const start = config.get("startTime") ?? "2030-03-01T09:00:00Z";
const end = config.get("endTime") ?? "2030-03-31T21:00:00Z";

const image = new Creative("sale-image", {
  path: path.relative(
    process.cwd(),
    path.join(__dirname, "..", "quickstart", "assets", "trail-shoe.png"),
  ),
});

const campaign = new Campaign("march-sale", {
  name: "March sale",
  lifetimeBudgetMicros: dollars(30),
  startTime: start,
  endTime: end,
  adGroups: [
    {
      name: "Bargain hunters",
      maxBidMicros: dollars(1),
      contextHints: ["running shoes sale"],
      ads: [
        {
          title: "March sale: 30% off",
          body: "All trail shoes, until March 31.",
          targetUrl: "https://shop.example.com/sale",
          fileId: image.fileId,
        },
      ],
    },
  ],
});

export const startsAt = campaign.effectiveStartTime.apply((s) => new Date(s * 1000).toISOString());
export const endsAt = campaign.effectiveEndTime.apply((e) =>
  e === null ? "open-ended" : new Date(e * 1000).toISOString(),
);
