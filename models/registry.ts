import { coverageModel } from "./coverage.ts";
import { employmentModel } from "./employment.ts";
import { incomeModel } from "./income.ts";
import type { ModelSpec } from "./model.ts";
import { populationModel } from "./population.ts";
import { retrofitModel } from "./retrofit.ts";
import { subsidyModel } from "./subsidy.ts";
import { volumeModel } from "./volume.ts";

/** Every model a binding may name, by its `name`. */
export const MODELS: Readonly<Record<string, ModelSpec>> = Object.freeze(
  Object.fromEntries(
    [
      populationModel,
      subsidyModel,
      retrofitModel,
      coverageModel,
      employmentModel,
      volumeModel,
      incomeModel,
    ].map((m) => [m.name, m as unknown as ModelSpec]),
  ),
);
