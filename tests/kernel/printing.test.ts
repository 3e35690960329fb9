import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import { createPrinting } from "../../src/kernel/printing.ts";

/** A window with print events and a print media query that the test switches. */
function fakeWindow(matches = false) {
  const events = new EventTarget();
  const query = Object.assign(new EventTarget(), { matches });
  const win = Object.assign(events, { matchMedia: () => query }) as unknown as Window;
  const media = (m: boolean) => {
    query.matches = m;
    query.dispatchEvent(Object.assign(new Event("change"), { matches: m }));
  };
  return { win, media, fire: (type: string) => events.dispatchEvent(new Event(type)) };
}

describe("createPrinting", () => {
  it("is true from beforeprint to afterprint", () => {
    const w = fakeWindow();
    createRoot((dispose) => {
      const printing = createPrinting(w.win);
      expect(printing()).toBe(false);
      w.fire("beforeprint");
      expect(printing()).toBe(true);
      w.fire("afterprint");
      expect(printing()).toBe(false);
      dispose();
    });
  });

  it("follows the print media query (a print preview, emulated print media)", () => {
    const w = fakeWindow(true);
    createRoot((dispose) => {
      const printing = createPrinting(w.win);
      expect(printing()).toBe(true);
      w.media(false);
      expect(printing()).toBe(false);
      w.media(true);
      expect(printing()).toBe(true);
      // afterprint while print media still matches keeps it.
      w.fire("afterprint");
      expect(printing()).toBe(true);
      dispose();
    });
  });

  it("stops listening when its owner is disposed", () => {
    const w = fakeWindow();
    let printing: () => boolean = () => false;
    createRoot((dispose) => {
      printing = createPrinting(w.win);
      dispose();
    });
    w.fire("beforeprint");
    expect(printing()).toBe(false);
  });

  it("is false without a window (Node)", () => {
    createRoot((dispose) => {
      expect(createPrinting(undefined)()).toBe(false);
      dispose();
    });
  });
});
