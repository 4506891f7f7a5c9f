// Pause or resume a campaign by flipping `status`:
//   pulumi config set status paused && pulumi up     (calls the API's /pause)
//   pulumi config set status active && pulumi up     (calls /activate once review approved it)
// Stack outputs link each campaign to the Thrad dashboard; its address is not documented, so
// it comes from the `dashboardUrl` config value.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Campaign, Creative, dollars } from "pulumi-thrad";

const config = new pulumi.Config();
const status = config.get("status") === "active" ? "active" : "paused";
const dashboardUrl = config.get("dashboardUrl") ?? "https://platform.thrad.ai";

const image = new Creative("toggle-image", {
  path: path.relative(
    process.cwd(),
    path.join(__dirname, "..", "quickstart", "assets", "trail-shoe.png"),
  ),
});

const campaign = new Campaign("always-on", {
  name: "Always-on brand campaign",
  lifetimeBudgetMicros: dollars(100),
  status,
  adGroups: [
    {
      name: "Brand readers",
      maxBidMicros: dollars(0.5),
      ads: [
        {
          title: "Shoes for every run",
          body: "Find your next pair.",
          targetUrl: "https://shop.example.com",
          fileId: image.fileId,
        },
      ],
    },
  ],
});

export const desiredStatus = status;
export const liveStatus = campaign.liveStatus;
export const statusMessage = campaign.statusMessage;
export const dashboardLink = pulumi.interpolate`${dashboardUrl}/campaigns/${campaign.campaignId}`;
