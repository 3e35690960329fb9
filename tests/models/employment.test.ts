import { describe, expect, it } from "vitest";
import { type EmploymentParam, employmentModel } from "../../models/employment.ts";

type Params = Record<EmploymentParam, number>;

const BASE: Params = {
  rate0: 50,
  exitRate: 0,
  quotaPlacements: 100,
  trainingPlacements: 50,
  selfEmployment: 25,
  maxRate: 85,
};

const SPAN = { start: 2020, end: 2025 };

function run(overrides: Partial<Params>, workingAge: number[]) {
  const ws = employmentModel.createWorkspace(workingAge.length);
  employmentModel.run(
    { ...BASE, ...overrides },
    { workingAge: Float64Array.from(workingAge) },
    { start: 2020, end: 2019 + workingAge.length },
    ws,
  );
  return ws;
}

const FLAT = [10_000, 10_000, 10_000, 10_000, 10_000, 10_000];

describe("employment model", () => {
  it("starts from the printed baseline rate exactly", () => {
    const ws = run({ rate0: 43.7 }, [12_345, 12_000, 11_000, 10_000, 9_000, 8_000]);
    expect(ws.employed[0]).toBe(0.437 * 12_345);
    expect(ws.rate[0]).toBeCloseTo(43.7, 12);
    expect([ws.placements[0], ws.exits[0]]).toEqual([0, 0]);
    expect(SPAN.end - SPAN.start + 1).toBe(ws.employed.length);
  });

  it("with zero exits, fixed placements add exactly that many a year", () => {
    const ws = run({}, FLAT);
    expect(Array.from(ws.employed)).toEqual([5000, 5175, 5350, 5525, 5700, 5875]);
    expect(Array.from(ws.placements)).toEqual([0, 175, 175, 175, 175, 175]);
    expect(Array.from(ws.exits)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ws.rate[5]).toBeCloseTo(58.75, 12);
  });

  it("exits are a share of last year's employed", () => {
    const ws = run({ exitRate: 10, quotaPlacements: 0, trainingPlacements: 0, selfEmployment: 0 }, FLAT);
    expect(ws.exits[1]).toBe(500);
    expect(ws.employed[1]).toBe(4500);
    expect(ws.exits[2]).toBe(450);
    expect(ws.employed[2]).toBe(4050);
  });

  it("caps employment at maxRate of the working-age population", () => {
    const ws = run({ quotaPlacements: 2_000, maxRate: 60 }, FLAT);
    expect(ws.employed[1]).toBe(6000);
    expect(ws.employed[5]).toBe(6000);
    expect(ws.rate[5]).toBeCloseTo(60, 12);
  });

  it("the cap follows a shrinking working-age population down", () => {
    const ws = run({ maxRate: 80 }, [10_000, 9_000, 8_000, 7_000, 6_000, 5_000]);
    expect(ws.employed[5]).toBe(4_000);
    expect(ws.rate[5]).toBeCloseTo(80, 12);
  });

  it("reports a rate of 0 when no one is of working age", () => {
    const ws = run({}, [0, 0, 0]);
    expect(Array.from(ws.rate)).toEqual([0, 0, 0]);
    expect(Array.from(ws.employed)).toEqual([0, 0, 0]);
  });
});
