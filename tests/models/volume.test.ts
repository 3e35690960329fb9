import { describe, expect, it } from "vitest";
import type { YearSpan } from "../../models/model.ts";
import { type VolumeParam, volumeModel } from "../../models/volume.ts";

const span: YearSpan = { start: 2020, end: 2025 };

function run(params: Record<VolumeParam, number>, s = span) {
  const out = volumeModel.createWorkspace(s.end - s.start + 1);
  volumeModel.run(params, {}, s, out);
  return out;
}

function close(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(actual[i]).toBeCloseTo(v, 6);
  });
}

describe("volumeModel", () => {
  it("holds a flat level and totals the plan period without the start year", () => {
    // 1,600 training attendances a year: five projected years total 8,000
    const out = run({ level0: 1600, growth: 0, stock0: 0 });
    close(out.annual, [1600, 1600, 1600, 1600, 1600, 1600]);
    close(out.cumulative, [0, 1600, 3200, 4800, 6400, 8000]);
  });

  it("compounds growth and starts the total from stock0", () => {
    const out = run({ level0: 1000, growth: 10, stock0: 50 }, { start: 2020, end: 2023 });
    close(out.annual, [1000, 1100, 1210, 1331]);
    close(out.cumulative, [50, 1150, 2360, 3691]);
  });

  it("declines with negative growth", () => {
    const out = run({ level0: 200, growth: -50, stock0: 0 }, { start: 2020, end: 2022 });
    close(out.annual, [200, 100, 50]);
    close(out.cumulative, [0, 100, 150]);
  });
});
