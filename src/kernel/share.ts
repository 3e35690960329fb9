import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { parseScenario, type ScenarioFile } from "../../models/scenario.ts";
import type { Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";

/**
 * Share links: a scenario travels in the URL fragment as `#s=<lz-string of its JSON>`. The fragment
 * never reaches a server, so sharing sends nothing anywhere; the person who opens the link gets the
 * scenario validated like any file ("link" names it in every message).
 */

/** The fragment parameter that carries a scenario. */
export const LINK_PARAM = "s";
/** What a shared scenario is called in messages. */
export const LINK_FILE = "link";
/** Longest compressed scenario read from a link (characters); a scenario file is a few KB. */
export const MAX_LINK_CHARS = 200_000;

/** A link to `base` (its own fragment replaced) that opens `scenario`. */
export function encodeScenarioLink(scenario: ScenarioFile, base: string): string {
  const url = new URL(base);
  url.hash = `${LINK_PARAM}=${compressToEncodedURIComponent(JSON.stringify(scenario))}`;
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

const damaged = (detail: { zh: string; en: string }): Result<never, InputIssue[]> => ({
  ok: false,
  error: [
    {
      file: LINK_FILE,
      path: "",
      message: {
        zh: `链接中的情景无法读取：${detail.zh}。链接可能复制不全，请让对方重新发送完整链接。`,
        en: `the scenario in this link cannot be read: ${detail.en}. The link may have been cut off when copied; ask for the whole link again.`,
      },
    },
  ],
});

/** Reads the scenario in a share link, validated; every problem names the link and, inside it, the path. */
export function decodeScenarioLink(href: string): Result<ScenarioFile, InputIssue[]> {
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
  return parseScenario(json, LINK_FILE);
}

function safeDecode(s: string): string {
  try {
    return s.includes("%") ? decodeURIComponent(s) : s;
  } catch {
    return s;
  }
}
