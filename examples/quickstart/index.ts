// Quickstart: one image, one campaign with one ad group and one chat card ad.
// Run it from the repository root with `npm run demo`, or by hand with `pulumi up`.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Campaign, Creative, dollars } from "pulumi-thrad";

const config = new pulumi.Config();

// Paths are relative to the Pulumi project folder, where `pulumi` runs the program.
const imagePath = path.relative(process.cwd(), path.join(__dirname, "assets", "trail-shoe.png"));
const image = new Creative("trail-shoe-image", { path: imagePath });

const campaign = new Campaign("spring-launch", {
  name: config.get("campaignName") ?? "Spring trail shoe launch",
  lifetimeBudgetMicros: dollars(config.getNumber("budgetDollars") ?? 50),
  // A new campaign waits for review while paused; `active` makes the first `pulumi up` after
  // approval start it.
  status: config.get("status") === "paused" ? "paused" : "active",
  targetCountries: ["US", "DE"],
  adGroups: [
    {
      name: "Trail runners",
      maxBidMicros: dollars(2),
      contextHints: ["trail running", "running shoes"],
      ads: [
        {
          name: "Grip card",
          title: "Grip on every trail",
          body: "Lightweight trail shoes with a sticky outsole. Free returns.",
          targetUrl: "https://shop.example.com/trail",
          fileId: image.fileId,
        },
      ],
    },
  ],
});

export const imageFileId = image.fileId;
export const campaignId = campaign.campaignId;
export const liveStatus = campaign.liveStatus;
export const reviewStatus = campaign.reviewStatus;
export const statusMessage = campaign.statusMessage;
