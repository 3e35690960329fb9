import { type Accessor, createComponent, createContext, createSignal, type JSX, useContext } from "solid-js";
import { z } from "zod";
import { LANGS, type Lang } from "../../models/text.ts";

/**
 * The product's words in English. Its keys are the type of every message key: the zh-CN catalogue must
 * carry each of them (the compiler checks, and so does `tests/kernel/i18n.test.ts`).
 * `{name}` placeholders are filled from `t(key, { name })`.
 */
export const en = {
  "app.name": "Reachable · 可达",
  "app.tagline": "Will each target of a local five-year plan be reached, how surely, and what would it take?",
  "app.documentTitle": "Reachable · 可达 — five-year plans for disabled people's services",
  "app.documentTitleWithPlan": "{plan} — Reachable · 可达",
  "skip.toMain": "Skip to main content",
  "lang.label": "Language",
  "lang.zh-CN": "简体中文",
  "lang.en": "English",
  "plans.heading": "Plans",
  "plans.intro":
    "Choose a plan to see its indicators. Plan texts keep the Chinese of the source document; English is a reading aid.",
  "plans.listLabel": "Available plans",
  "plans.none": "No plans were found. Add a plan file under scenarios/plans/.",
  "plan.region": "Region",
  "plan.period": "Plan period",
  "plan.periodValue": "{from}–{to}",
  "plan.baselineYear": "Baseline year",
  "plan.targetYear": "Target year",
  "plan.tableIndicators": "Indicators in the table",
  "plan.textTargets": "Targets from the text",
  "plan.issuer": "Issued by: ",
  "plan.open": "Open",
  "plan.isOpen": "Open below",
  "level.city": "city",
  "level.county": "county",
  "level.district": "district",
  "summary.label": "Plan summary",
  "summary.caption": "Indicators as printed in the plan ({count})",
  "summary.col.number": "No.",
  "summary.col.name": "Indicator",
  "summary.col.unit": "Unit",
  "summary.col.attribute": "Attribute",
  "summary.col.baseline": "Baseline as printed",
  "summary.col.target": "Target as printed",
  "summary.fromText": "Text",
  "summary.fromTextLabel": "From the text, no row number",
  "summary.later":
    "Values are shown as the plan prints them. Projections of whether each target will be reached come next.",
  "summary.tableLabel": "Indicators table; scroll sideways if it does not fit",
  "attribute.binding": "Binding",
  "attribute.expected": "Expected",
  "attribute.unspecified": "Not stated",
  "unit.percent": "%",
  "unit.people": "people",
  "unit.attendances": "attendances",
  "unit.households": "households",
  "unit.yuan": "yuan",
  "unit.growth-rate": "growth rate",
  "unit.count": "count",
  "unit.notPrinted": "(not printed)",
  "issues.heading": "Plan files that could not be loaded",
  "issues.intro":
    "These files were skipped; the other plans work as usual. Fix each problem below, then check the file with npm run check-plan.",
  "issues.file": "File: ",
  "issues.path": "Where",
  "issues.message": "Problem",
  "issues.wholeFile": "(whole file)",
  "footer.note":
    "Everything runs in this browser; nothing is sent anywhere. Plans are data taken from official documents.",
  "error.heading": "Something went wrong",
  "error.body":
    "This view stopped with an error: {message}. Nothing you saved is lost; reload the page to continue.",
  "wb.loading": "Loading the workbench…",
  "wb.heading": "Workbench",
  "wb.loadError": "The workbench could not start: {message}",
  "wb.region": "Plan sections",
  "scn.heading": "Scenario",
  "scn.label": "Scenario",
  "scn.teaching": "teaching",
  "scn.yours": "yours",
  "scn.description": "About this scenario",
  "scn.changed": "{count} assumption(s) changed in this session",
  "scn.unchanged": "No assumption changed in this session",
  "scn.new": "New scenario",
  "scn.newName": "Name of the new scenario",
  "scn.newFrom": "Start from",
  "scn.fromDefaults": "The plan's defaults (baseline)",
  "scn.fromCurrent": "A copy of the current scenario, with its changes",
  "scn.create": "Create scenario",
  "scn.created": "Scenario “{name}” created and selected.",
  "scn.nameRequired": "Give the new scenario a name.",
  "run.mcPending": "Probabilities updating from {samples} samples…",
  "run.mcDone": "Probabilities from {samples} samples (seed {seed}, {sampling}).",
  "run.mcError": "The probabilities could not be computed: {message}",
  "run.detError": "The projection could not be computed: {message}",
  "run.sampling.lhs": "Latin hypercube",
  "run.sampling.random": "plain random",
  "as.heading": "Assumptions",
  "as.intro": "Move a slider or type a value; every target responds at once.",
  "as.filter": "Show assumptions",
  "as.filter.all": "All ({count})",
  "as.filter.selected": "Only those that move {name}",
  "as.search": "Find an assumption",
  "as.none": "No assumption matches.",
  "as.groupCount": "{count} assumptions",
  "as.groupChanged": "{count} changed",
  "as.slider": "{label}: slider",
  "as.range": "Allowed {min} to {max}",
  "as.default": "Default {value}",
  "as.changed": "Changed",
  "as.reset": "Reset",
  "as.resetLabel": "Reset {label} to its default",
  "as.resetAll": "Reset all assumptions",
  "as.resetAllDone": "Every assumption is back at its default.",
  "as.notANumber": "Enter a number, for example {example}. The last valid value, {value}, is still in use.",
  "as.keptValue": "The last valid value, {value}, is still in use.",
  "as.provenance": "Source",
  "as.provenance.kind": "Kind",
  "as.provenance.source": "Source",
  "as.provenance.year": "Year",
  "as.provenance.note": "Note",
  "prov.published": "Published figure",
  "prov.estimate": "Estimate",
  "prov.plan": "Printed in the plan",
  "prov.calibrated": "Calibrated to the printed baseline",
  "as.uncertain": "Vary it in the Monte Carlo run",
  "as.fixed": "Fixed at its value in every sample.",
  "dist.uniform": "Uniform between {min} and {max}.",
  "dist.triangular": "Triangular: least {min}, most likely {mode}, greatest {max}.",
  "dist.pert": "PERT: least {min}, most likely {mode}, greatest {max}.",
  "dist.normal": "Normal: mean {mean}, standard deviation {sd}.",
  "dist.lognormal": "Lognormal: median {median}, geometric standard deviation {gsd}.",
  "db.heading": "Targets",
  "db.caption": "Verdicts for {shown} of {total} indicators under “{scenario}”",
  "db.filter": "Show",
  "db.filter.all": "All indicators",
  "db.filter.binding": "Binding only",
  "db.filter.bindingAtRisk": "Binding and at risk or off track",
  "db.filter.atRisk": "At risk or off track",
  "db.filter.missed": "Projected to miss",
  "db.search": "Search by name or number",
  "db.shown": "Showing {shown} of {total} indicators.",
  "db.noMatch": "No indicator matches this filter.",
  "db.col.number": "No.",
  "db.col.name": "Indicator",
  "db.col.printed": "Baseline → target (as printed)",
  "db.col.projected": "Projected",
  "db.col.verdict": "Verdict",
  "db.col.probability": "Probability",
  "db.col.status": "Status",
  "db.col.pace": "Pace a year: needed / projected",
  "db.col.attribute": "Attribute",
  "db.col.detail": "Detail",
  "db.details": "Details",
  "db.detailsOf": "Details of {name}",
  "db.sortHint": "Column headers with buttons sort the table.",
  "db.tableLabel": "Targets table; scroll sideways if it does not fit",
  "db.summary":
    "{met} of {total} targets projected to be met; {binding} binding targets, of which {bindingMissed} projected to miss.",
  "verdict.met": "Met",
  "verdict.missed": "Missed",
  "status.on-track": "On track",
  "status.at-risk": "At risk",
  "status.off-track": "Off track",
  "status.pending": "Computing",
  "status.bands": "On track: probability ≥ {onTrack}%; off track: below {offTrack}%; at risk between.",
  "pace.points": "{value} points",
  "pace.compound": "{value}%",
  "pace.per-year": "{value}",
  "pace.growth": "growth {value}",
  "pace.needed": "needed",
  "pace.projected": "projected",
  "pace.unitPoints": "percentage points a year",
  "pace.unitCompound": "% a year (compound)",
  "pace.unitPerYear": "per year",
  "pace.unitGrowth": "average growth against the series it keeps pace with",
  "target.inStep": "in step with {series}",
  "target.hold": "hold the baseline level",
  "detail.heading": "Indicator detail",
  "detail.close": "Close the detail",
  "detail.source": "Source: {section}",
  "detail.verdict": "Projected {value} in {year} against the target {target}: {verdict}, margin {margin}.",
  "detail.probability": "Probability of meeting it: {probability} ({status}).",
  "detail.noProbability": "The probability is being computed.",
  "detail.chart": "Trajectory",
  "detail.chartLabel": "{name}: projection from {from} to {to}, reaching {value}; target {target}.",
  "detail.legend.projection": "Projection",
  "detail.legend.band90": "5th–95th percentile",
  "detail.legend.band50": "25th–75th percentile",
  "detail.legend.target": "Target",
  "detail.legend.baseline": "Printed baseline",
  "detail.legend.actual": "Actual figure",
  "detail.dataTable": "Show the data as a table",
  "detail.tableCaption": "{name} by year",
  "detail.col.year": "Year",
  "detail.col.projection": "Projection",
  "detail.col.p5": "5th pct.",
  "detail.col.p25": "25th pct.",
  "detail.col.p50": "Median",
  "detail.col.p75": "75th pct.",
  "detail.col.p95": "95th pct.",
  "detail.col.actual": "Actual",
  "tornado.heading": "What drives the margin",
  "tornado.intro":
    "Each uncertain assumption at its 10th and then its 90th percentile, the others at their values: the target-year margin (positive: past the target). Ranked by swing.",
  "tornado.base": "Margin with every assumption at its value: {margin}.",
  "tornado.caption": "Sensitivity of the margin of {name}",
  "tornado.col.assumption": "Assumption",
  "tornado.col.low": "At its 10th percentile",
  "tornado.col.high": "At its 90th percentile",
  "tornado.col.swing": "Swing",
  "tornado.value": "{value} → margin {margin}",
  "tornado.none": "No uncertain assumption moves this indicator.",
  "tornado.pending": "Computing the sensitivities…",
  "gs.heading": "Goal seek",
  "gs.intro":
    "The least value of one lever at which the target is met with the probability you ask for (estimated from {samples} samples).",
  "gs.lever": "Lever",
  "gs.probability": "Probability wanted (%)",
  "gs.run": "Find the value",
  "gs.running": "Searching…",
  "gs.answer.at-least":
    "With {lever} at {value} or more, the target is met with a probability of {probability} (now {current}).",
  "gs.answer.at-most":
    "With {lever} at {value} or less, the target is met with a probability of {probability} (now {current}).",
  "gs.refused": "No answer: {message}",
  "gs.apply": "Use {value} in this scenario",
  "gs.probabilityInvalid": "Enter a probability from 1 to 100.",
  "gs.noLever": "This indicator has no assumption to move.",
  "cmp.heading": "Compare scenarios",
  "cmp.choose": "Scenarios to compare (2 to 4)",
  "cmp.tooFew": "Choose at least two scenarios.",
  "cmp.tooMany": "At most four scenarios; untick one first.",
  "cmp.caption": "Verdicts side by side; “≠” marks a verdict that differs from “{first}”",
  "cmp.differs": "differs",
  "cmp.pending": "Computing the scenarios…",
  "cmp.indicator": "Indicator to overlay",
  "cmp.chart": "Trajectories",
  "cmp.chartLabel": "{name} under {count} scenarios, {from} to {to}.",
  "cmp.diffCount": "{count} indicator(s) differ in verdict between the scenarios.",
  "cmp.withEdits": "with this session's changes",
  "find.heading": "Consistency of the plan",
  "find.intro": "Tensions inside the plan itself. They are shown, never resolved silently.",
  "find.none": "No tension was found in this plan.",
  "find.count": "{count} finding(s)",
  "severity.error": "Error",
  "severity.warning": "Warning",
  "severity.info": "Note",
} satisfies Record<string, string>;

/** A message key. */
export type MessageKey = keyof typeof en;
/** A complete catalogue: one string for every key. */
export type Catalogue = Record<MessageKey, string>;

/** 简体中文 catalogue. Every key of {@link en} is required. */
export const zhCN: Catalogue = {
  "app.name": "Reachable · 可达",
  "app.tagline": "地方五年规划的各项目标能否实现、把握多大、还需要什么条件？",
  "app.documentTitle": "Reachable · 可达 — 残疾人事业五年规划",
  "app.documentTitleWithPlan": "{plan} — Reachable · 可达",
  "skip.toMain": "跳到主要内容",
  "lang.label": "语言",
  "lang.zh-CN": "简体中文",
  "lang.en": "English",
  "plans.heading": "规划",
  "plans.intro": "选择一个规划，查看其指标。规划文本保留原文中文。",
  "plans.listLabel": "可用的规划",
  "plans.none": "没有找到规划。请在 scenarios/plans/ 下添加规划文件。",
  "plan.region": "地区",
  "plan.period": "规划期",
  "plan.periodValue": "{from}–{to}年",
  "plan.baselineYear": "基期年份",
  "plan.targetYear": "目标年份",
  "plan.tableIndicators": "表格指标",
  "plan.textTargets": "正文目标",
  "plan.issuer": "发布机关：",
  "plan.open": "打开",
  "plan.isOpen": "已在下方打开",
  "level.city": "市",
  "level.county": "县",
  "level.district": "区",
  "summary.label": "规划概要",
  "summary.caption": "规划所列指标（按原文，共 {count} 项）",
  "summary.col.number": "序号",
  "summary.col.name": "指标",
  "summary.col.unit": "单位",
  "summary.col.attribute": "属性",
  "summary.col.baseline": "基期值（原文）",
  "summary.col.target": "目标值（原文）",
  "summary.fromText": "正文",
  "summary.fromTextLabel": "来自正文，无表格序号",
  "summary.later": "各数值均按规划原文列出。各项目标能否实现的推演将在后续版本提供。",
  "summary.tableLabel": "指标表；如显示不全可横向滚动",
  "attribute.binding": "约束性",
  "attribute.expected": "预期性",
  "attribute.unspecified": "未标明",
  "unit.percent": "%",
  "unit.people": "人",
  "unit.attendances": "人次",
  "unit.households": "户",
  "unit.yuan": "元",
  "unit.growth-rate": "增长率",
  "unit.count": "个",
  "unit.notPrinted": "（原文未标）",
  "issues.heading": "无法载入的规划文件",
  "issues.intro":
    "以下文件已跳过，其他规划照常可用。请按下列说明逐项修改，然后用 npm run check-plan 检查该文件。",
  "issues.file": "文件：",
  "issues.path": "位置",
  "issues.message": "问题",
  "issues.wholeFile": "（整个文件）",
  "footer.note": "所有计算都在本浏览器中完成，不向任何地方发送数据。规划数据摘自官方文件。",
  "error.heading": "出现错误",
  "error.body": "此视图因错误而停止：{message}。已保存的内容不会丢失，请刷新页面继续。",
  "wb.loading": "正在载入工作台…",
  "wb.heading": "工作台",
  "wb.loadError": "工作台无法启动：{message}",
  "wb.region": "规划各部分",
  "scn.heading": "情景",
  "scn.label": "情景",
  "scn.teaching": "教学",
  "scn.yours": "自建",
  "scn.description": "情景说明",
  "scn.changed": "本次已修改 {count} 项假设",
  "scn.unchanged": "本次尚未修改任何假设",
  "scn.new": "新建情景",
  "scn.newName": "新情景名称",
  "scn.newFrom": "起点",
  "scn.fromDefaults": "规划默认值（基准情景）",
  "scn.fromCurrent": "复制当前情景（含修改）",
  "scn.create": "创建情景",
  "scn.created": "已创建并选中情景“{name}”。",
  "scn.nameRequired": "请为新情景命名。",
  "run.mcPending": "正在用 {samples} 个样本更新概率…",
  "run.mcDone": "概率基于 {samples} 个样本（随机种子 {seed}，{sampling}）。",
  "run.mcError": "无法计算概率：{message}",
  "run.detError": "无法计算推演：{message}",
  "run.sampling.lhs": "拉丁超立方抽样",
  "run.sampling.random": "简单随机抽样",
  "as.heading": "假设",
  "as.intro": "拖动滑块或输入数值，各项目标随即更新。",
  "as.filter": "显示假设",
  "as.filter.all": "全部（{count}）",
  "as.filter.selected": "仅影响“{name}”的假设",
  "as.search": "查找假设",
  "as.none": "没有符合条件的假设。",
  "as.groupCount": "{count} 项假设",
  "as.groupChanged": "已改 {count} 项",
  "as.slider": "{label}：滑块",
  "as.range": "允许范围 {min} 至 {max}",
  "as.default": "默认值 {value}",
  "as.changed": "已修改",
  "as.reset": "还原",
  "as.resetLabel": "将“{label}”还原为默认值",
  "as.resetAll": "全部假设还原为默认值",
  "as.resetAllDone": "所有假设已还原为默认值。",
  "as.notANumber": "请输入数字，例如 {example}。仍在使用上一个有效值 {value}。",
  "as.keptValue": "仍在使用上一个有效值 {value}。",
  "as.provenance": "来源",
  "as.provenance.kind": "类型",
  "as.provenance.source": "来源",
  "as.provenance.year": "年份",
  "as.provenance.note": "说明",
  "prov.published": "公布数据",
  "prov.estimate": "估计",
  "prov.plan": "规划原文",
  "prov.calibrated": "按基期值校准",
  "as.uncertain": "在蒙特卡洛模拟中随机取值",
  "as.fixed": "各样本中均固定为该值。",
  "dist.uniform": "均匀分布，介于 {min} 与 {max} 之间。",
  "dist.triangular": "三角分布：最小 {min}，最可能 {mode}，最大 {max}。",
  "dist.pert": "PERT 分布：最小 {min}，最可能 {mode}，最大 {max}。",
  "dist.normal": "正态分布：均值 {mean}，标准差 {sd}。",
  "dist.lognormal": "对数正态分布：中位数 {median}，几何标准差 {gsd}。",
  "db.heading": "目标",
  "db.caption": "“{scenario}”下 {total} 项指标中 {shown} 项的判断",
  "db.filter": "显示",
  "db.filter.all": "全部指标",
  "db.filter.binding": "仅约束性指标",
  "db.filter.bindingAtRisk": "约束性且有风险或偏离",
  "db.filter.atRisk": "有风险或偏离",
  "db.filter.missed": "预计未达标",
  "db.search": "按名称或序号搜索",
  "db.shown": "显示 {total} 项中的 {shown} 项。",
  "db.noMatch": "没有符合筛选条件的指标。",
  "db.col.number": "序号",
  "db.col.name": "指标",
  "db.col.printed": "基期 → 目标（原文）",
  "db.col.projected": "推演值",
  "db.col.verdict": "判断",
  "db.col.probability": "达标概率",
  "db.col.status": "状态",
  "db.col.pace": "年均进度：需要 / 预计",
  "db.col.attribute": "属性",
  "db.col.detail": "详情",
  "db.details": "详情",
  "db.detailsOf": "查看“{name}”的详情",
  "db.sortHint": "带按钮的列标题可用于排序。",
  "db.tableLabel": "目标表；如显示不全可横向滚动",
  "db.summary":
    "{total} 项目标中预计 {met} 项达标；约束性目标 {binding} 项，其中预计 {bindingMissed} 项未达标。",
  "verdict.met": "达标",
  "verdict.missed": "未达标",
  "status.on-track": "正常",
  "status.at-risk": "有风险",
  "status.off-track": "偏离",
  "status.pending": "计算中",
  "status.bands": "正常：达标概率 ≥ {onTrack}%；偏离：低于 {offTrack}%；介于两者之间为有风险。",
  "pace.points": "{value} 个百分点",
  "pace.compound": "{value}%",
  "pace.per-year": "{value}",
  "pace.growth": "增速 {value}",
  "pace.needed": "需要",
  "pace.projected": "预计",
  "pace.unitPoints": "每年百分点",
  "pace.unitCompound": "每年复合增长率",
  "pace.unitPerYear": "每年",
  "pace.unitGrowth": "年均增速，对照其同步的序列",
  "target.inStep": "与{series}同步",
  "target.hold": "保持基期水平",
  "detail.heading": "指标详情",
  "detail.close": "关闭详情",
  "detail.source": "出处：{section}",
  "detail.verdict": "{year}年推演值 {value}，目标 {target}：{verdict}，差距 {margin}。",
  "detail.probability": "达标概率：{probability}（{status}）。",
  "detail.noProbability": "达标概率正在计算。",
  "detail.chart": "走势",
  "detail.chartLabel": "{name}：{from}至{to}年的推演，达到 {value}；目标 {target}。",
  "detail.legend.projection": "推演",
  "detail.legend.band90": "第5–95百分位",
  "detail.legend.band50": "第25–75百分位",
  "detail.legend.target": "目标",
  "detail.legend.baseline": "基期值（原文）",
  "detail.legend.actual": "实际值",
  "detail.dataTable": "以表格显示数据",
  "detail.tableCaption": "{name}（逐年）",
  "detail.col.year": "年份",
  "detail.col.projection": "推演",
  "detail.col.p5": "第5百分位",
  "detail.col.p25": "第25百分位",
  "detail.col.p50": "中位数",
  "detail.col.p75": "第75百分位",
  "detail.col.p95": "第95百分位",
  "detail.col.actual": "实际值",
  "tornado.heading": "影响差距的因素",
  "tornado.intro":
    "每项不确定假设分别取其第10和第90百分位，其余假设保持原值，得出目标年份的差距（正数表示超过目标），按变化幅度排序。",
  "tornado.base": "全部假设取原值时的差距：{margin}。",
  "tornado.caption": "“{name}”差距的敏感性",
  "tornado.col.assumption": "假设",
  "tornado.col.low": "取第10百分位",
  "tornado.col.high": "取第90百分位",
  "tornado.col.swing": "变化幅度",
  "tornado.value": "{value} → 差距 {margin}",
  "tornado.none": "没有不确定假设会影响该指标。",
  "tornado.pending": "正在计算敏感性…",
  "gs.heading": "目标求解",
  "gs.intro": "求出某一杠杆的最小取值，使目标以所要求的概率达成（基于 {samples} 个样本估计）。",
  "gs.lever": "杠杆",
  "gs.probability": "要求的达标概率（%）",
  "gs.run": "求解",
  "gs.running": "正在求解…",
  "gs.answer.at-least": "“{lever}”不低于 {value} 时，达标概率为 {probability}（当前 {current}）。",
  "gs.answer.at-most": "“{lever}”不高于 {value} 时，达标概率为 {probability}（当前 {current}）。",
  "gs.refused": "无解：{message}",
  "gs.apply": "在本情景中采用 {value}",
  "gs.probabilityInvalid": "请输入 1 至 100 之间的概率。",
  "gs.noLever": "该指标没有可调整的假设。",
  "cmp.heading": "情景比较",
  "cmp.choose": "选择要比较的情景（2至4个）",
  "cmp.tooFew": "请至少选择两个情景。",
  "cmp.tooMany": "最多比较四个情景，请先取消一个。",
  "cmp.caption": "各情景的判断并列；“≠”表示与“{first}”不同",
  "cmp.differs": "不同",
  "cmp.pending": "正在计算各情景…",
  "cmp.indicator": "叠加显示的指标",
  "cmp.chart": "走势对比",
  "cmp.chartLabel": "{name}在 {count} 个情景下的走势，{from}至{to}年。",
  "cmp.diffCount": "有 {count} 项指标在各情景间判断不同。",
  "cmp.withEdits": "含本次修改",
  "find.heading": "规划内部一致性",
  "find.intro": "规划本身的内部矛盾，仅作提示，不会被自动处理。",
  "find.none": "未发现该规划存在内部矛盾。",
  "find.count": "{count} 条发现",
  "severity.error": "错误",
  "severity.warning": "警告",
  "severity.info": "提示",
};

/** Both catalogues, by language. */
export const catalogues: Record<Lang, Catalogue> = { "zh-CN": zhCN, en };

/** Values that fill `{name}` placeholders. Numbers are written as `String(n)`; format them first if needed. */
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays visible so the gap is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** The localStorage key holding the chosen language. */
export const LANG_STORAGE_KEY = "reachable:lang";

const langSchema = z.enum(LANGS as [Lang, ...Lang[]]);

/**
 * The product language for a list of browser languages (BCP 47 tags, most preferred first):
 * the first tag that is Chinese or English decides; otherwise zh-CN, the language of every plan.
 */
export function detectLang(languages: readonly string[] | undefined): Lang {
  for (const tag of languages ?? []) {
    const lower = tag.toLowerCase();
    if (lower === "zh" || lower.startsWith("zh-")) return "zh-CN";
    if (lower === "en" || lower.startsWith("en-")) return "en";
  }
  return "zh-CN";
}

/** The bits of the browser the i18n kernel touches; injected so tests run without a DOM. */
export interface I18nEnvironment {
  /** Where the choice is kept; null to keep it in memory only. Default: `localStorage` when present. */
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
  /** Browser languages, most preferred first. Default: `navigator.languages`. */
  languages?: readonly string[];
  /** The element whose `lang` attribute follows the choice. Default: `document.documentElement`. */
  root?: { lang: string } | null;
}

/** The i18n kernel: the current language, a way to change it, and the message lookup. */
export interface I18n {
  lang: Accessor<Lang>;
  setLang: (lang: Lang) => void;
  /** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
  t: (key: MessageKey, params?: MessageParams) => string;
}

function defaultStorage(): Pick<Storage, "getItem" | "setItem"> | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage access throws in some privacy modes; the choice then lives for the session only.
    return null;
  }
}

function readStored(storage: Pick<Storage, "getItem"> | null): Lang | undefined {
  if (!storage) return undefined;
  try {
    const parsed = langSchema.safeParse(storage.getItem(LANG_STORAGE_KEY));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the i18n kernel. The initial language is the stored choice when it is valid, else the browser
 * language, else zh-CN. Every change is written back to storage and to `<html lang>` at once, so
 * screen readers and CJK font selection follow the switch.
 */
export function createI18n(env: I18nEnvironment = {}): I18n {
  const storage = env.storage === undefined ? defaultStorage() : env.storage;
  const languages =
    env.languages ??
    (typeof navigator === "undefined" ? undefined : (navigator.languages ?? [navigator.language]));
  const root =
    env.root === undefined ? (typeof document === "undefined" ? null : document.documentElement) : env.root;

  const [lang, setLangSignal] = createSignal<Lang>(readStored(storage) ?? detectLang(languages));
  if (root) root.lang = lang();

  const setLang = (next: Lang): void => {
    setLangSignal(() => next);
    if (root) root.lang = next;
    try {
      storage?.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // A full or blocked storage must not stop the switch itself.
    }
  };

  const t = (key: MessageKey, params?: MessageParams): string => interpolate(catalogues[lang()][key], params);

  return { lang, setLang, t };
}

const I18nContext = createContext<I18n>();

/** Makes an i18n kernel available to every component below it. */
export function I18nProvider(props: { i18n: I18n; children: JSX.Element }): JSX.Element {
  return createComponent(I18nContext.Provider, {
    get value() {
      return props.i18n;
    },
    get children() {
      return props.children;
    },
  });
}

/** The i18n kernel of the nearest {@link I18nProvider}; throws outside one, so a missing provider is loud. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n() was called outside <I18nProvider>");
  return ctx;
}
