// A poll ad: a question with two to four answers and a link. Every ad in one ad group shares
// its creative type, so polls get their own ad group.
import { Campaign, dollars } from "pulumi-thrad";

const campaign = new Campaign("coffee-poll", {
  name: "Coffee habits poll",
  lifetimeBudgetMicros: dollars(15),
  adGroups: [
    {
      name: "Coffee lovers",
      maxBidMicros: dollars(0.8),
      contextHints: ["coffee", "espresso"],
      ads: [
        {
          type: "poll",
          question: "How do you take your morning coffee?",
          options: ["Espresso", "Filter", "Cold brew", "No coffee"],
          targetUrl: "https://beans.example.com/quiz",
        },
      ],
    },
  ],
});

export const campaignId = campaign.campaignId;
export const reviewStatus = campaign.reviewStatus;
