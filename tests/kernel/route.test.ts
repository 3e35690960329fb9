import { describe, expect, it } from "vitest";
import {
  checkRoute,
  formatRoute,
  isRouteHash,
  PLANS,
  parseRoute,
  type Route,
} from "../../src/kernel/route.ts";
import { expectErr, expectOk } from "../expect-result.ts";

const targets = { plans: new Map([["jiaxing-2021-2025", new Set(["jx-t03-nursing-subsidy-coverage"])]]) };

describe("route", () => {
  it("reads and writes the plan list and each depth of a workbench address", () => {
    const routes: Route[] = [
      PLANS,
      { kind: "plan", planId: "jiaxing-2021-2025", scenarioId: null, indicatorId: null },
      { kind: "plan", planId: "jiaxing-2021-2025", scenarioId: "jiaxing-baseline", indicatorId: null },
      {
        kind: "plan",
        planId: "jiaxing-2021-2025",
        scenarioId: "jiaxing-baseline",
        indicatorId: "jx-t03-nursing-subsidy-coverage",
      },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual({ ok: true, value: r });
    expect(formatRoute(routes[3]!)).toBe(
      "#/jiaxing-2021-2025/jiaxing-baseline/jx-t03-nursing-subsidy-coverage",
    );
    expect(parseRoute("")).toEqual({ ok: true, value: PLANS });
    expect(parseRoute("#/jiaxing-2021-2025/")).toEqual({ ok: true, value: routes[1] });
  });

  it("leaves share links and in-page anchors to their readers", () => {
    expect(isRouteHash("#s=abc")).toBe(false);
    expect(isRouteHash("#main")).toBe(false);
    expect(isRouteHash("#/x")).toBe(true);
    expect(isRouteHash("")).toBe(true);
  });

  it("refuses a malformed or unknown address in both languages, naming it", () => {
    for (const bad of ["#/a/b/c/d", "#/<script>", "#/%E0%A4%A"]) {
      const r = parseRoute(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.zh).toContain("无法打开地址");
        expect(r.error.en).toContain("cannot be opened");
      }
    }
    const unknownPlan = parseRoute("#/no-such-plan");
    // Each parses as a route; it is the check against the library that refuses it.
    expect(checkRoute(expectOk(unknownPlan), targets).ok).toBe(false);
    const unknownIndicator = parseRoute("#/jiaxing-2021-2025/jiaxing-baseline/nope");
    expect(expectErr(checkRoute(expectOk(unknownIndicator), targets)).en).toContain('"nope"');
  });
});
