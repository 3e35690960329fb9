import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { YearSpan } from "../../models/model.ts";
import { type VolumeParam, volumeModel } from "../../models/volume.ts";
import { paramsArb, SETTINGS, START } from "./arbitraries.ts";

const caseArb = fc.record({
  span: fc.integer({ min: 1, max: 16 }).map((n): YearSpan => ({ start: START, end: START + n - 1 })),
  params: paramsArb(volumeModel),
});

function run(params: Record<VolumeParam, number>, span: YearSpan) {
  const out = volumeModel.createWorkspace(span.end - span.start + 1);
  volumeModel.run(params, {}, span, out);
  return out;
}

describe("volumeModel properties", () => {
  it("never yields a negative count, and the total never falls", () => {
    fc.assert(
      fc.property(caseArb, ({ params, span }) => {
        const out = run(params, span);
        expect(out.annual[0]).toBe(params.level0);
        expect(out.cumulative[0]).toBe(params.stock0);
        for (let t = 0; t < out.annual.length; t++) {
          expect(Number.isFinite(out.annual[t]!) && Number.isFinite(out.cumulative[t]!)).toBe(true);
          expect(out.annual[t]).toBeGreaterThanOrEqual(0);
          if (t > 0) expect(out.cumulative[t]).toBeGreaterThanOrEqual(out.cumulative[t - 1]!);
        }
      }),
      SETTINGS,
    );
  });

  it("never lowers the total when growth is higher", () => {
    const g = volumeModel.params.find((p) => p.name === "growth")!;
    const gArb = fc.double({ min: g.min, max: g.max, noNaN: true });
    fc.assert(
      fc.property(caseArb, gArb, gArb, ({ params, span }, a, b) => {
        const low = run({ ...params, growth: Math.min(a, b) }, span);
        const high = run({ ...params, growth: Math.max(a, b) }, span);
        for (let t = 0; t < low.annual.length; t++) {
          expect(high.annual[t]).toBeGreaterThanOrEqual(low.annual[t]!);
          expect(high.cumulative[t]).toBeGreaterThanOrEqual(low.cumulative[t]!);
        }
      }),
      SETTINGS,
    );
  });

  it("gives identical outputs for identical inputs, and a reused workspace equals a fresh one", () => {
    fc.assert(
      fc.property(caseArb, paramsArb(volumeModel), ({ params, span }, other) => {
        const fresh = run(params, span);
        expect(run(params, span)).toEqual(fresh);
        const reused = run(other, span);
        volumeModel.run(params, {}, span, reused);
        expect(reused).toEqual(fresh);
      }),
      SETTINGS,
    );
  });
});
