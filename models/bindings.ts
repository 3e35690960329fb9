import * as z from "zod/mini";
import type { Result } from "./text.ts";
import { type InputIssue, parseWith } from "./validation.ts";

/**
 * Bindings tie a plan to the models: which model instances (components) run, how they feed each other,
 * where each parameter comes from, and which output every indicator of the plan is judged on.
 *
 * A parameter with no entry in `params` reads the assumption `<component id>.<param name>` from the
 * scenario. An entry may instead name another assumption, take the indicator's printed baseline
 * (`baselineOf`, exact baselines only, so the model reproduces what the plan printed), or fix a value
 * that is structural rather than assumed (`value`).
 */
const componentId = z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*$/));

const paramSource = z.union([
  z.strictObject({ assumption: z.string().check(z.minLength(1)) }),
  z.strictObject({ baselineOf: z.string().check(z.minLength(1)) }),
  z.strictObject({ value: z.number() }),
]);
export type ParamSource = z.infer<typeof paramSource>;

export const componentSchema = z.strictObject({
  id: componentId,
  model: z.string().check(z.minLength(1)),
  label: z.strictObject({ zh: z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) }),
  /** Input name → "<component>.<output>", or "constant" for a series of ones (facility counts). */
  inputs: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
  params: z.optional(z.record(z.string(), paramSource)),
});
export type Component = z.infer<typeof componentSchema>;

export const indicatorBindingSchema = z.strictObject({
  /** "<component>.<output>": the series the indicator is judged on. */
  output: z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/)),
  /**
   * For an indicator whose plan leaves the measure `unstated`: the series judged when the assumption
   * `<indicator id>.measure` reads "over the period" (1); `output` is then the yearly series (0).
   */
  cumulativeOutput: z.optional(z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/))),
  /** For "in step with" targets: the series it must keep pace with. */
  against: z.optional(z.string().check(z.regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/))),
});
export type IndicatorBinding = z.infer<typeof indicatorBindingSchema>;

export const bindingsSchema = z.strictObject({
  schemaVersion: z.literal(1),
  planId: z.string().check(z.minLength(1)),
  components: z.array(componentSchema).check(z.minLength(1)),
  indicators: z.record(z.string(), indicatorBindingSchema),
});
export type Bindings = z.infer<typeof bindingsSchema>;

export function parseBindings(input: unknown, file: string): Result<Bindings, InputIssue[]> {
  return parseWith(bindingsSchema, input, file);
}
