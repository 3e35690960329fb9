import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { err, ok } from "../../models/result.ts";
import { parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import type { Result } from "../../models/text.ts";
import { type InputIssue, parseWith } from "../../models/validation.ts";
import type { RunSettings } from "./store.ts";
import { settingsSchema } from "./workspace.ts";

/**
 * Share links: a scenario travels in the URL fragment as `#s=<lz-string of its JSON>`. The fragment
 * never reaches a server, so sharing sends nothing anywhere; the person who opens the link gets the
 * scenario validated like any file ("link" names it in every message).
 *
 * The link carries `{ format: "reachable-link", version: 1, scenario, settings }`: the scenario
 * (self-contained: see `store.shareable`) and the run settings (samples, seed, sampling), so the
 * recipient sees the same probabilities. A link of the first form, the scenario's JSON alone, is still
 * read (without settings).
 */

/** The `format` of a link's payload. */
export const LINK_FORMAT = "reachable-link";

/** What a share link carries. */
export interface SharedLink {
  scenario: ScenarioFile;
  /** The sender's run settings; absent in links of the first form. */
  settings?: RunSettings;
}

/** The fragment parameter that carries a scenario. */
export const LINK_PARAM = "s";
/** What a shared scenario is called in messages. */
export const LINK_FILE = "link";
/** Longest compressed scenario read from a link (characters); a scenario file is a few KB. */
export const MAX_LINK_CHARS = 200_000;

/** A link to `base` (its own fragment replaced) that opens `scenario`, run with `settings` when given. */
export function encodeScenarioLink(scenario: ScenarioFile, base: string, settings?: RunSettings): string {
  const url = new URL(base);
  const payload = settings
    ? { format: LINK_FORMAT, version: 1, scenario, settings: { ...settings } }
    : { format: LINK_FORMAT, version: 1, scenario };
  url.hash = `${LINK_PARAM}=${compressToEncodedURIComponent(JSON.stringify(payload))}`;
  return url.toString();
}

/** True when `href` carries a shared scenario (whether or not it is intact). */
export function hasScenarioLink(href: string): boolean {
  return fragmentValue(href) !== undefined;
}

function fragmentValue(href: string): string | undefined {
  const hash = href.indexOf("#");
  if (hash < 0) return undefined;
  for (const part of href.slice(hash + 1).split("&")) {
    if (part.startsWith(`${LINK_PARAM}=`)) return part.slice(LINK_PARAM.length + 1);
  }
  return undefined;
}

const damaged = (detail: { zh: string; en: string }): Result<never, InputIssue[]> =>
  err([
    {
      file: LINK_FILE,
      path: "",
      message: {
        zh: `链接中的情景无法读取：${detail.zh}。链接可能复制不全，请让对方重新发送完整链接。`,
        en: `the scenario in this link cannot be read: ${detail.en}. The link may have been cut off when copied; ask for the whole link again.`,
      },
    },
  ]);

/** Reads the scenario in a share link, validated; every problem names the link and, inside it, the path. */
export function decodeScenarioLink(href: string): Result<ScenarioFile, InputIssue[]> {
  const r = decodeLink(href);
  return r.ok ? ok(r.value.scenario) : r;
}

/** Reads a share link: its scenario and run settings, validated, every problem with its path. */
export function decodeLink(href: string): Result<SharedLink, InputIssue[]> {
  const packed = fragmentValue(href);
  if (packed === undefined) {
    return damaged({ zh: "链接里没有 “#s=” 部分", en: 'the link has no "#s=" part' });
  }
  if (packed === "") return damaged({ zh: "“#s=” 后面是空的", en: 'nothing follows "#s="' });
  if (packed.length > MAX_LINK_CHARS) {
    return damaged({
      zh: `内容过长（${packed.length} 个字符，上限 ${MAX_LINK_CHARS}）`,
      en: `it is too long (${packed.length} characters; the limit is ${MAX_LINK_CHARS})`,
    });
  }
  // Browsers may percent-encode characters of the fragment on the way; the alphabet itself never needs it.
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(safeDecode(packed));
  } catch {
    text = null;
  }
  if (!text)
    return damaged({ zh: "压缩数据不完整或已损坏", en: "the compressed data is incomplete or damaged" });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return damaged({ zh: "解压后的内容不是完整的 JSON", en: "the unpacked content is not complete JSON" });
  }
  if (!json || typeof json !== "object" || (json as { format?: unknown }).format !== LINK_FORMAT) {
    const scenario = parseScenario(json, LINK_FILE);
    return scenario.ok ? ok({ scenario: scenario.value }) : scenario;
  }
  const doc = json as { version?: unknown; scenario?: unknown; settings?: unknown };
  if (doc.version !== 1) {
    return err([
      {
        file: LINK_FILE,
        path: "version",
        message: {
          zh: `此链接由更新版本的 Reachable 生成（版本 ${JSON.stringify(doc.version)}），本版本无法读取；请更新后再打开。`,
          en: `this link was made by a newer Reachable (version ${JSON.stringify(doc.version)}) and cannot be read here; update Reachable to open it.`,
        },
      },
    ]);
  }
  const issues: InputIssue[] = [];
  const scenario = parseScenario(doc.scenario, LINK_FILE);
  if (!scenario.ok) issues.push(...scenario.error.map((i) => ({ ...i, path: prefixed("scenario", i.path) })));
  let settings: RunSettings | undefined;
  if (doc.settings !== undefined) {
    const parsed = parseWith(settingsSchema, doc.settings, LINK_FILE);
    if (parsed.ok) settings = parsed.value;
    else issues.push(...parsed.error.map((i) => ({ ...i, path: prefixed("settings", i.path) })));
  }
  if (!scenario.ok || issues.length > 0) return err(issues);
  return ok(settings ? { scenario: scenario.value, settings } : { scenario: scenario.value });
}

function prefixed(root: string, path: string): string {
  return path === "" ? root : path.startsWith("[") ? `${root}${path}` : `${root}.${path}`;
}

function safeDecode(s: string): string {
  try {
    return s.includes("%") ? decodeURIComponent(s) : s;
  } catch {
    return s;
  }
}
