import { err, ok } from "../../models/result.ts";
import type { Bilingual, Result } from "../../models/text.ts";

/**
 * The app's address: which plan, scenario and indicator are on screen, in the URL fragment, so Back,
 * Forward, a reload and a bookmark all find the same screen. `#/` (or no fragment) is the plan list;
 * `#/<plan>/<scenario>/<indicator>` the workbench, the last two optional. A share link (`#s=…`) is not a
 * route: `share.ts` reads it.
 */
export type Route =
  | { kind: "plans" }
  | { kind: "plan"; planId: string; scenarioId: string | null; indicatorId: string | null };

/** The plan list. */
export const PLANS: Route = { kind: "plans" };

/** Ids in this app are kebab-case words (`jiaxing-2021-2025`, `jx-t03-nursing-subsidy-coverage`). */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/** True when a fragment is a route at all (a share link and other fragments are left to their readers). */
export function isRouteHash(hash: string): boolean {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  return h === "" || h.startsWith("/");
}

/**
 * Reads a fragment (`location.hash`, with or without its `#`) as a route. Its form is checked here;
 * whether the plan, scenario and indicator exist is checked by {@link checkRoute} against what the app
 * holds. A problem is said in both languages and names the address.
 */
export function parseRoute(hash: string): Result<Route, Bilingual> {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  if (h === "" || h === "/") return ok(PLANS);
  if (!h.startsWith("/"))
    return bad(h, { zh: "地址应以 “#/” 开头", en: 'the address should start with "#/"' });
  const parts = h.slice(1).replace(/\/$/, "").split("/");
  if (parts.length > 3) {
    return bad(h, {
      zh: "地址最多包含规划、情景、指标三段",
      en: "an address has at most three parts: plan, scenario, indicator",
    });
  }
  const decoded: string[] = [];
  for (const p of parts) {
    let s: string;
    try {
      s = decodeURIComponent(p);
    } catch {
      s = p;
    }
    if (!SEGMENT.test(s)) {
      return bad(h, { zh: `“${s}” 不是有效的编号`, en: `"${s}" is not a valid id` });
    }
    decoded.push(s);
  }
  return ok({
    kind: "plan",
    planId: decoded[0]!,
    scenarioId: decoded[1] ?? null,
    indicatorId: decoded[2] ?? null,
  });
}

/** The fragment of a route, with its `#`; parts that are not set are left off. */
export function formatRoute(route: Route): string {
  if (route.kind === "plans") return "#/";
  const parts = [route.planId];
  if (route.scenarioId !== null) {
    parts.push(route.scenarioId);
    if (route.indicatorId !== null) parts.push(route.indicatorId);
  }
  return `#/${parts.map(encodeURIComponent).join("/")}`;
}

/** What the app holds that a route may name. */
export interface RouteTargets {
  /** Plan ids, each with its indicator ids. */
  plans: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Checks that a parsed route names a plan and indicator the app holds. Scenarios are the workbench's
 * (a person's own scenarios live in saved work); it checks those when it opens.
 */
export function checkRoute(route: Route, targets: RouteTargets): Result<Route, Bilingual> {
  if (route.kind === "plans") return ok(route);
  const indicators = targets.plans.get(route.planId);
  const where = formatRoute(route);
  if (!indicators) {
    return bad(where.slice(1), {
      zh: `没有编号为 “${route.planId}” 的规划`,
      en: `there is no plan "${route.planId}"`,
    });
  }
  if (route.indicatorId !== null && !indicators.has(route.indicatorId)) {
    return bad(where.slice(1), {
      zh: `这份规划中没有指标 “${route.indicatorId}”`,
      en: `this plan has no indicator "${route.indicatorId}"`,
    });
  }
  return ok(route);
}

/** The message for a route that cannot be followed: what is wrong, where, and what happens instead. */
export function routeProblem(address: string, detail: Bilingual): Bilingual {
  return {
    zh: `无法打开地址 “#${address}”：${detail.zh}。已回到规划列表，已保存的工作没有改动。`,
    en: `The address "#${address}" cannot be opened: ${detail.en}. You are back at the plan list; your saved work is unchanged.`,
  };
}

function bad(address: string, detail: Bilingual): Result<never, Bilingual> {
  return err(routeProblem(address, detail));
}
