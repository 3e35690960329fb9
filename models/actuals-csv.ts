import type { Plan } from "./plan.ts";
import type { Actual } from "./scenario.ts";
import type { Result } from "./text.ts";
import type { InputIssue } from "./validation.ts";

/**
 * Evaluator actuals from CSV: a header row naming `indicator`, `year` and `value` (any order; an
 * optional `plan` column limits a row to one plan), then one observed value a row. `indicator` is an
 * indicator id or the row number printed in the plan's table. Every bad cell is reported with its row
 * and column; nothing is half-applied: either every row is valid or the result is the list of problems.
 */
export function parseActualsCsv(
  text: string,
  file: string,
  plans: readonly Plan[],
): Result<Map<string, Actual[]>, InputIssue[]> {
  const issues: InputIssue[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const at = (line: number, col: string, zh: string, en: string) =>
    issues.push({ file, path: `row ${line}${col ? `, column ${col}` : ""}`, message: { zh, en } });
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  for (const need of ["indicator", "year", "value"]) {
    if (col(need) < 0)
      at(
        1,
        "",
        `缺少列 “${need}”（表头应为 indicator,year,value）`,
        `missing column "${need}" (the header should be indicator,year,value)`,
      );
  }
  if (issues.length > 0) return { ok: false, error: issues };
  const out = new Map<string, Actual[]>(plans.map((p) => [p.id, []]));
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const cells = raw.split(",").map((c) => c.trim());
    const line = i + 1;
    const indicator = cells[col("indicator")] ?? "";
    const yearText = cells[col("year")] ?? "";
    const valueText = cells[col("value")] ?? "";
    const planCell = col("plan") >= 0 ? (cells[col("plan")] ?? "") : "";
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText))
      at(line, "year", `年份 “${yearText}” 不是四位数年份`, `year "${yearText}" is not a four-digit year`);
    const value = Number(valueText);
    if (valueText === "" || !Number.isFinite(value)) {
      at(line, "value", `数值 “${valueText}” 不是数字`, `value "${valueText}" is not a number`);
    }
    const targets = plans.filter((p) => planCell === "" || p.id === planCell);
    if (planCell !== "" && targets.length === 0)
      at(line, "plan", `没有规划 “${planCell}”`, `no plan "${planCell}"`);
    let matched = 0;
    for (const p of targets) {
      const ind = /^\d+$/.test(indicator)
        ? p.indicators.find((x) => x.printedNumber === Number(indicator))
        : p.indicators.find((x) => x.id === indicator);
      if (!ind) continue;
      matched++;
      if (/^\d{4}$/.test(yearText) && (year <= ind.baseline.year || year > ind.target.year)) {
        at(
          line,
          "year",
          `${year} 年不在基期 ${ind.baseline.year} 之后、目标年 ${ind.target.year} 之前`,
          `${year} is not after the baseline year ${ind.baseline.year} and by the target year ${ind.target.year}`,
        );
        continue;
      }
      if (ind.unit === "percent" && (value < 0 || value > 100)) {
        at(line, "value", `百分比 ${value} 超出 0–100`, `percentage ${value} is outside 0–100`);
        continue;
      }
      out.get(p.id)!.push({ indicatorId: ind.id, year, value });
    }
    if (matched === 0 && indicator !== "") {
      at(
        line,
        "indicator",
        `找不到指标 “${indicator}”（用指标 id 或表格序号）`,
        `no indicator "${indicator}" (use an indicator id or the printed row number)`,
      );
    }
    if (indicator === "") at(line, "indicator", "指标为空", "indicator is empty");
  }
  if (issues.length > 0) return { ok: false, error: issues };
  return { ok: true, value: out };
}
