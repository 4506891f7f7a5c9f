import { describe, expect, it } from "vitest";
import { checkCampaign } from "../../provider/campaign/check";

function validCampaign(): Record<string, unknown> {
  return {
    resourceIdentity: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/thrad:Campaign::c",
    name: "Spring launch",
    lifetimeBudgetMicros: 50_000_000,
    adGroups: [
      {
        name: "Runners",
        maxBidMicros: 2_000_000,
        ads: [
          {
            title: "Grip on trails",
            body: "Light shoes.",
            targetUrl: "https://x.example/a",
            fileId: "uploads/2026/01/abc.png",
          },
        ],
      },
    ],
  };
}

type Mutation = (campaign: Record<string, any>) => void;

const badInputs: [string, Mutation, string][] = [
  [
    "budget under minimum",
    (c) => {
      c.lifetimeBudgetMicros = 989_999;
    },
    "lifetimeBudgetMicros",
  ],
  [
    "budget as float",
    (c) => {
      c.lifetimeBudgetMicros = 12.5;
    },
    "lifetimeBudgetMicros",
  ],
  [
    "budget as string",
    (c) => {
      c.lifetimeBudgetMicros = "50";
    },
    "lifetimeBudgetMicros",
  ],
  [
    "budget missing",
    (c) => {
      delete c.lifetimeBudgetMicros;
    },
    "lifetimeBudgetMicros",
  ],
  [
    "name too short",
    (c) => {
      c.name = "ab";
    },
    "name",
  ],
  [
    "name empty",
    (c) => {
      c.name = "";
    },
    "name",
  ],
  [
    "name too long",
    (c) => {
      c.name = "n".repeat(101);
    },
    "name",
  ],
  [
    "status unknown",
    (c) => {
      c.status = "running";
    },
    "status",
  ],
  [
    "end before start",
    (c) => {
      c.startTime = 2_000_000_000;
      c.endTime = 1_999_999_999;
    },
    "endTime",
  ],
  [
    "start not a time",
    (c) => {
      c.startTime = "next tuesday";
    },
    "startTime",
  ],
  [
    "country code too long",
    (c) => {
      c.targetCountries = ["USA"];
    },
    "targetCountries[0]",
  ],
  [
    "no ad groups",
    (c) => {
      c.adGroups = [];
    },
    "adGroups",
  ],
  [
    "bid zero",
    (c) => {
      c.adGroups[0].maxBidMicros = 0;
    },
    "adGroups[0].maxBidMicros",
  ],
  [
    "bid over maximum",
    (c) => {
      c.adGroups[0].maxBidMicros = 100_000_001;
    },
    "adGroups[0].maxBidMicros",
  ],
  [
    "bid as float",
    (c) => {
      c.adGroups[0].maxBidMicros = 1.5;
    },
    "adGroups[0].maxBidMicros",
  ],
  [
    "ad group without ads",
    (c) => {
      c.adGroups[0].ads = [];
    },
    "adGroups[0].ads",
  ],
  [
    "duplicate ad group names",
    (c) => {
      c.adGroups.push(structuredClone(c.adGroups[0]));
    },
    "adGroups[1]",
  ],
  [
    "ad title too long",
    (c) => {
      c.adGroups[0].ads[0].title = "t".repeat(51);
    },
    "adGroups[0].ads[0].title",
  ],
  [
    "ad body missing",
    (c) => {
      delete c.adGroups[0].ads[0].body;
    },
    "adGroups[0].ads[0].body",
  ],
  [
    "ad url not http",
    (c) => {
      c.adGroups[0].ads[0].targetUrl = "ftp://x.example";
    },
    "adGroups[0].ads[0].targetUrl",
  ],
  [
    "ad url relative",
    (c) => {
      c.adGroups[0].ads[0].targetUrl = "/shoes";
    },
    "adGroups[0].ads[0].targetUrl",
  ],
  [
    "ad file id missing",
    (c) => {
      delete c.adGroups[0].ads[0].fileId;
    },
    "adGroups[0].ads[0].fileId",
  ],
];

describe("checkCampaign", () => {
  it("accepts a valid campaign and defaults status to paused", () => {
    const result = checkCampaign(validCampaign());
    expect(result.failures).toEqual([]);
    expect(result.inputs.status).toBe("paused");
  });

  it.each(badInputs)("rejects %s naming the property", (_case, mutate, property) => {
    const campaign = validCampaign();
    mutate(campaign);
    const { failures } = checkCampaign(campaign);
    expect(failures.map((failure) => failure.property)).toContain(property);
    expect(failures.every((failure) => failure.reason.length > 0)).toBe(true);
  });

  it("converts ISO times to Unix seconds", () => {
    const campaign = { ...validCampaign(), startTime: "2030-01-01T00:00:00Z" };
    expect(checkCampaign(campaign).inputs.startTime).toBe(1_893_456_000);
  });

  it("skips values unknown during preview", () => {
    const campaign = validCampaign();
    (campaign["adGroups"] as any)[0].ads[0].fileId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(checkCampaign(campaign).failures).toEqual([]);
  });

  it("suggests dollars() for fractional micros", () => {
    const { failures } = checkCampaign({ ...validCampaign(), lifetimeBudgetMicros: 0.5 });
    expect(failures[0]?.reason).toMatch(/dollars\(\)/);
  });
});
