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
  "scn.changed.one": "{count} assumption changed in this session",
  "scn.changed.other": "{count} assumptions changed in this session",
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
  "run.settings.legend": "Uncertainty run",
  "run.settings.samples": "Samples",
  "run.settings.seed": "Seed",
  "run.settings.sampling": "Sampling",
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
  "prov.plan": "The plan's own pace (not evidence)",
  "prov.trend": "Observed trend",
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
  "db.col.detail": "Detail · notebook",
  "db.details": "Details",
  "db.detailsOf": "Details of {name}",
  "db.sortHint": "Column headers with buttons sort the table.",
  "db.tableLabel": "Targets table; scroll sideways if it does not fit",
  "db.summary":
    "{met} of {total} targets projected to be met; {binding} binding targets, of which {bindingMissed} projected to miss.",
  "verdict.met": "Met",
  "basis.label": "Basis",
  "basis.published": "Published figures",
  "basis.trend": "Observed trend",
  "basis.estimate": "Estimate",
  "basis.plan": "Plan's own pace",
  "basis.planNote": "Assumes the plan's own pace (not evidence); the probability is conditional on it.",
  "basis.estimateNote": "Rests on at least one estimate (judgement, not an observation).",
  "basis.trendNote": "Rests on observed trends and published figures.",
  "basis.publishedNote": "Rests on published figures.",
  "basis.drivers": "Moved most by: {drivers}.",
  "db.col.basis": "Basis",
  "pace.ratio": "trend ÷ needed {ratio}",
  "verdict.fromMedian": "Judged on the median of {samples} samples.",
  "verdict.fromDeterministic": "Judged on one run with every assumption at its median; probabilities follow.",
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
  "cmp.diffCount.one": "{count} indicator differs in verdict between the scenarios.",
  "cmp.diffCount.other": "{count} indicators differ in verdict between the scenarios.",
  "cmp.withEdits": "with this session's changes",
  "find.heading": "Consistency of the plan",
  "find.intro": "Tensions inside the plan itself. They are shown, never resolved silently.",
  "find.none": "No tension was found in this plan.",
  "find.count.one": "{count} finding",
  "find.count.other": "{count} findings",
  "severity.error": "Error",
  "severity.warning": "Warning",
  "severity.info": "Note",
  "save.saving": "Saving…",
  "save.saved": "Saved in this browser",
  "save.failed": "Not saved",
  "save.restored": "Your saved work was restored",
  "save.problemHeading": "Your work is not being saved",
  "save.exportDamaged": "Export the unreadable record",
  "save.hydrateFailed":
    "The saved workspace does not fit this version's plans; it was left as it was and nothing is saved over it. Export it to keep it",
  "link.invalidHeading": "The shared link could not be opened",
  "link.nothingChanged": "Nothing was changed: your saved work is as it was.",
  "link.dismiss": "Dismiss",
  "files.heading": "Share and files",
  "files.share": "Share and print",
  "files.copyLink": "Copy share link",
  "files.linkLabel": "Share link (read-only)",
  "files.linkCopied":
    "The share link was copied. It holds the scenario with its changes; nothing is sent anywhere.",
  "files.linkReady": "The share link is ready in the field below; select it and copy it.",
  "files.linkFailed": "No link could be made",
  "files.print": "Print report",
  "files.scenario": "Scenario",
  "files.exportScenario": "Export scenario (JSON)",
  "files.importScenario": "Import a scenario (JSON file)",
  "files.workspace": "Whole workspace",
  "files.exportWorkspace": "Export workspace",
  "files.importWorkspace": "Import a workspace (JSON file)",
  "files.results": "Results",
  "files.exportCsv": "Download projections and verdicts (CSV)",
  "files.downloaded": "Downloaded {name}.",
  "files.refused": "The file could not be used",
  "files.nothingChanged": "Nothing was changed. Fix these problems and try again:",
  "files.scenarioAdded": "Scenario “{name}” was added and opened.",
  "files.cancelled": "Cancelled; nothing was changed.",
  "files.workspaceLoaded": "The workspace was loaded.",
  "act.heading": "Observed values (actuals)",
  "act.intro":
    "Evaluators: enter figures observed since the baseline in the CSV template (columns indicator, year, value), then import it. Projections re-project from the last observed value and the chart shows the observations as triangles.",
  "act.template": "Download the CSV template for this plan",
  "act.import": "Import observed values (CSV file)",
  "act.clear": "Clear observed values",
  "act.cleared": "The observed values of this plan were cleared (undo brings them back).",
  "act.imported": "{count} observed values imported; {total} in use for this plan.",
  "act.none": "No observed values for this plan yet.",
  "act.caption": "Observed values in use ({count})",
  "act.col.indicator": "Indicator",
  "act.col.year": "Year",
  "act.col.value": "Value",
  "chart.svg": "Download chart (SVG)",
  "chart.png": "Download chart (PNG)",
  "chart.pngFailed": "The PNG could not be made: {message}",
  "report.heading": "Report: {scenario}",
  "report.printedAt": "Printed {when}",
  "report.verdicts": "Verdicts of every target",
  "report.target": "Target",
  "report.assumptions": "Assumptions with their sources",
  "report.assumption": "Assumption",
  "report.value": "Value in use",
  "report.provenance": "Source",
  "undo.group": "Undo and redo",
  "undo.undo": "Undo",
  "undo.redo": "Redo",
  "undo.hint":
    "Ctrl+Z / ⌘Z undoes a change of assumptions, notes or observed values; Shift+Ctrl+Z / ⇧⌘Z redoes it.",
  "undo.done": "Undone.",
  "undo.redone": "Redone.",
  "undo.nothing": "Nothing to undo.",
  "undo.nothingRedo": "Nothing to redo.",
  "undo.reasonUndo": "Undo",
  "undo.reasonRedo": "Redo",
  "dlg.clashTitle": "A scenario with this id already exists",
  "dlg.clashBody":
    "You already have a scenario with the id “{id}”. Keep both (the new one, “{name}”, gets another id), replace yours with it, or cancel?",
  "dlg.clashShipped":
    "“{id}” is the id of a scenario shipped with the app, which cannot be replaced. Keep both (the new one, “{name}”, gets another id) or cancel?",
  "dlg.keepBoth": "Keep both",
  "dlg.replace": "Replace",
  "dlg.cancel": "Cancel",
  "dlg.workspaceTitle": "Replace your current work?",
  "dlg.workspaceBody":
    "Loading “{file}” replaces the scenarios, notes, observed values and changes you have now. Export your workspace first if you want to keep them.",
  "dlg.replaceWork": "Replace my work",
  "pin.verdict": "Pin",
  "pin.verdictDetail": "Pin verdict to notebook",
  "pin.chartDetail": "Pin chart to notebook",
  "pin.addedVerdict": "Verdict of “{name}” pinned to the notebook.",
  "pin.addedChart": "Chart of “{name}” pinned to the notebook.",
  "pin.removed": "Pin of “{name}” taken out of the notebook.",
  "nb.heading": "Notebook: {scenario}",
  "nb.intro":
    "Notes, pinned verdicts and charts (they follow the scenario as it changes), and the log of every assumption change. Everything is saved in this browser as you go.",
  "nb.addNote": "Add a note",
  "nb.added": "A note was added; type it in the text area.",
  "nb.empty":
    "The notebook is empty. Add a note, or pin a verdict from the table or a chart from an indicator's detail.",
  "nb.noteTitle": "{n}. Note",
  "nb.verdictTitle": "{n}. Verdict: {name}",
  "nb.chartTitle": "{n}. Chart: {name}",
  "nb.cellActions": "Actions for {title}",
  "nb.edit": "Edit",
  "nb.done": "Done",
  "nb.moveUp": "Move up",
  "nb.moveDown": "Move down",
  "nb.remove": "Remove",
  "nb.moved": "{title}: now {position} of {count}.",
  "nb.removed": "{title} removed; undo brings it back.",
  "nb.noteLabel": "Note text (Markdown)",
  "nb.noteHint": "Markdown: **bold**, *italic*, - lists, [links](https://…). Saved as you type.",
  "nb.preview": "Preview",
  "nb.emptyNote": "(empty note)",
  "nb.noProjection": "No projection yet.",
  "nb.pinnedVerdict": "Projected {value} in {year} against a target of {target}.",
  "nb.log.heading": "Assumption log",
  "nb.log.reason": "Reason for the next changes (optional)",
  "nb.log.reasonHint": "Written into the log with every change you make from now on.",
  "nb.log.empty": "No assumption has been changed in this scenario yet.",
  "nb.log.caption": "Assumption changes, newest first ({count})",
  "nb.log.when": "When",
  "nb.log.assumption": "Assumption",
  "nb.log.change": "From → to",
  "nb.log.why": "Reason",
  "nb.log.noReason": "(none given)",
  "nb.log.default": "default",
  "route.allPlans": "All plans",
  "route.dismiss": "Dismiss",
  "wb.more": "Settings and plan checks",
  "scn.about": "About this scenario:",
  "detail.paceShort": "Pace a year, needed / projected",
  "db.col.printedShort": "Baseline → target",
  "db.col.probabilityShort": "Prob.",
  "db.col.paceShort": "Pace: needed / projected",
  "db.col.pin": "Pin to notebook",
  "scn.changedShort": "{count} changed",
  "announce.one": "{count} target changed: {list}.",
  "announce.other": "{count} targets changed: {list}.",
  "announce.now": "{name} now {state}",
  "announce.more": "and {count} more",
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
  "scn.changed.one": "本次已修改 {count} 项假设",
  "scn.changed.other": "本次已修改 {count} 项假设",
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
  "run.settings.legend": "不确定性运算",
  "run.settings.samples": "样本数",
  "run.settings.seed": "随机种子",
  "run.settings.sampling": "抽样方式",
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
  "prov.plan": "规划自身要求的进度（非证据）",
  "prov.trend": "观测趋势",
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
  "db.col.detail": "详情 · 笔记本",
  "db.details": "详情",
  "db.detailsOf": "查看“{name}”的详情",
  "db.sortHint": "带按钮的列标题可用于排序。",
  "db.tableLabel": "目标表；如显示不全可横向滚动",
  "db.summary":
    "{total} 项目标中预计 {met} 项达标；约束性目标 {binding} 项，其中预计 {bindingMissed} 项未达标。",
  "verdict.met": "达标",
  "basis.label": "依据",
  "basis.published": "公布数据",
  "basis.trend": "观测趋势",
  "basis.estimate": "估计",
  "basis.plan": "规划自身进度",
  "basis.planNote": "此推演假定按规划自身要求的进度推进（并非证据），达标概率以此为前提。",
  "basis.estimateNote": "至少有一项假设是估计（判断，而非观测）。",
  "basis.trendNote": "依据观测趋势和公布数据。",
  "basis.publishedNote": "依据公布数据。",
  "basis.drivers": "影响最大的假设：{drivers}。",
  "db.col.basis": "依据",
  "pace.ratio": "趋势 ÷ 需要 {ratio}",
  "verdict.fromMedian": "按 {samples} 次抽样的中位数判定。",
  "verdict.fromDeterministic": "按所有假设取中位数的单次推演判定；概率随后给出。",
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
  "cmp.diffCount.one": "有 {count} 项指标在各情景间判断不同。",
  "cmp.diffCount.other": "有 {count} 项指标在各情景间判断不同。",
  "cmp.withEdits": "含本次修改",
  "find.heading": "规划内部一致性",
  "find.intro": "规划本身的内部矛盾，仅作提示，不会被自动处理。",
  "find.none": "未发现该规划存在内部矛盾。",
  "find.count.one": "{count} 条发现",
  "find.count.other": "{count} 条发现",
  "severity.error": "错误",
  "severity.warning": "警告",
  "severity.info": "提示",
  "save.saving": "正在保存…",
  "save.saved": "已保存在本浏览器",
  "save.failed": "未保存",
  "save.restored": "已恢复上次保存的工作",
  "save.problemHeading": "你的工作目前没有被保存",
  "save.exportDamaged": "导出无法读取的记录",
  "save.hydrateFailed": "本机保存的工作区与当前版本的规划不符；它保持原样，不会被覆盖。请导出保存",
  "link.invalidHeading": "无法打开分享的链接",
  "link.nothingChanged": "没有作任何改动：你保存的工作保持原样。",
  "link.dismiss": "关闭提示",
  "files.heading": "分享与文件",
  "files.share": "分享与打印",
  "files.copyLink": "复制分享链接",
  "files.linkLabel": "分享链接（只读）",
  "files.linkCopied": "分享链接已复制。链接中包含该情景及其修改；不会向任何地方发送数据。",
  "files.linkReady": "分享链接已显示在下方文本框中，请选中后复制。",
  "files.linkFailed": "无法生成链接",
  "files.print": "打印报告",
  "files.scenario": "情景",
  "files.exportScenario": "导出情景（JSON）",
  "files.importScenario": "导入情景（JSON 文件）",
  "files.workspace": "整个工作区",
  "files.exportWorkspace": "导出工作区",
  "files.importWorkspace": "导入工作区（JSON 文件）",
  "files.results": "结果",
  "files.exportCsv": "下载推演值与判断（CSV）",
  "files.downloaded": "已下载 {name}。",
  "files.refused": "无法使用该文件",
  "files.nothingChanged": "没有作任何改动。请修正以下问题后重试：",
  "files.scenarioAdded": "已添加并打开情景“{name}”。",
  "files.cancelled": "已取消，没有作任何改动。",
  "files.workspaceLoaded": "工作区已载入。",
  "act.heading": "实际观测值",
  "act.intro":
    "评估人员：在 CSV 模板中填入基期以来观测到的数值（列为 indicator、year、value），再导入。推演将从最近的观测值重新推算，图中以三角形标出观测值。",
  "act.template": "下载本规划的 CSV 模板",
  "act.import": "导入观测值（CSV 文件）",
  "act.clear": "清除观测值",
  "act.cleared": "已清除本规划的观测值（可撤销恢复）。",
  "act.imported": "已导入 {count} 个观测值；本规划共使用 {total} 个。",
  "act.none": "本规划还没有观测值。",
  "act.caption": "正在使用的观测值（{count}）",
  "act.col.indicator": "指标",
  "act.col.year": "年份",
  "act.col.value": "数值",
  "chart.svg": "下载图表（SVG）",
  "chart.png": "下载图表（PNG）",
  "chart.pngFailed": "无法生成 PNG：{message}",
  "report.heading": "报告：{scenario}",
  "report.printedAt": "打印于 {when}",
  "report.verdicts": "各项目标的判断",
  "report.target": "目标",
  "report.assumptions": "假设及其来源",
  "report.assumption": "假设",
  "report.value": "使用的取值",
  "report.provenance": "来源",
  "undo.group": "撤销与重做",
  "undo.undo": "撤销",
  "undo.redo": "重做",
  "undo.hint": "Ctrl+Z / ⌘Z 撤销对假设、笔记或观测值的修改；Shift+Ctrl+Z / ⇧⌘Z 重做。",
  "undo.done": "已撤销。",
  "undo.redone": "已重做。",
  "undo.nothing": "没有可撤销的修改。",
  "undo.nothingRedo": "没有可重做的修改。",
  "undo.reasonUndo": "撤销",
  "undo.reasonRedo": "重做",
  "dlg.clashTitle": "已有相同 id 的情景",
  "dlg.clashBody":
    "你已有一个 id 为“{id}”的情景。两个都保留（新的“{name}”将换一个 id）、用它替换你的情景，还是取消？",
  "dlg.clashShipped":
    "“{id}”是随应用提供的情景的 id，不能替换。两个都保留（新的“{name}”将换一个 id），还是取消？",
  "dlg.keepBoth": "两个都保留",
  "dlg.replace": "替换",
  "dlg.cancel": "取消",
  "dlg.workspaceTitle": "替换你当前的工作？",
  "dlg.workspaceBody": "载入“{file}”将替换你现有的情景、笔记、观测值和修改。如需保留，请先导出工作区。",
  "dlg.replaceWork": "替换我的工作",
  "pin.verdict": "钉到笔记本",
  "pin.verdictDetail": "把判断钉到笔记本",
  "pin.chartDetail": "把图表钉到笔记本",
  "pin.addedVerdict": "已把“{name}”的判断钉到笔记本。",
  "pin.addedChart": "已把“{name}”的图表钉到笔记本。",
  "pin.removed": "已从笔记本取下“{name}”。",
  "nb.heading": "笔记本：{scenario}",
  "nb.intro":
    "笔记、钉住的判断和图表（随情景变化实时更新），以及每次假设修改的记录。所有内容随时保存在本浏览器中。",
  "nb.addNote": "添加笔记",
  "nb.added": "已添加一条笔记，请在文本框中输入。",
  "nb.empty": "笔记本是空的。可以添加笔记，或从表格钉住判断、从指标详情钉住图表。",
  "nb.noteTitle": "{n}. 笔记",
  "nb.verdictTitle": "{n}. 判断：{name}",
  "nb.chartTitle": "{n}. 图表：{name}",
  "nb.cellActions": "{title} 的操作",
  "nb.edit": "编辑",
  "nb.done": "完成",
  "nb.moveUp": "上移",
  "nb.moveDown": "下移",
  "nb.remove": "删除",
  "nb.moved": "{title}：现为第 {position} 个，共 {count} 个。",
  "nb.removed": "已删除{title}；可撤销恢复。",
  "nb.noteLabel": "笔记内容（Markdown）",
  "nb.noteHint": "Markdown：**粗体**、*斜体*、- 列表、[链接](https://…)。输入时自动保存。",
  "nb.preview": "预览",
  "nb.emptyNote": "（空笔记）",
  "nb.noProjection": "尚无推演结果。",
  "nb.pinnedVerdict": "{year} 年推演值 {value}，目标 {target}。",
  "nb.log.heading": "假设修改记录",
  "nb.log.reason": "后续修改的理由（可选）",
  "nb.log.reasonHint": "从现在起的每次修改都会连同此理由记入日志。",
  "nb.log.empty": "此情景还没有修改过任何假设。",
  "nb.log.caption": "假设修改，最新的在前（{count}）",
  "nb.log.when": "时间",
  "nb.log.assumption": "假设",
  "nb.log.change": "原值 → 新值",
  "nb.log.why": "理由",
  "nb.log.noReason": "（未填写）",
  "nb.log.default": "默认值",
  "route.allPlans": "全部规划",
  "route.dismiss": "知道了",
  "wb.more": "设置与规划检查",
  "scn.about": "情景说明：",
  "detail.paceShort": "年均进度 需要 / 预计",
  "db.col.printedShort": "基期 → 目标",
  "db.col.probabilityShort": "概率",
  "db.col.paceShort": "年均进度 需要 / 预计",
  "db.col.pin": "钉到笔记本",
  "scn.changedShort": "已改 {count} 项",
  "announce.one": "{count} 项目标有变化：{list}。",
  "announce.other": "{count} 项目标有变化：{list}。",
  "announce.now": "{name}现为{state}",
  "announce.more": "另有 {count} 项",
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
  /**
   * A message that depends on a count: `base.one` or `base.other`, chosen by the language's plural rules
   * (`Intl.PluralRules`), with `{count}` filled in ("1 finding", "2 findings"; Chinese has one form).
   */
  tn: (base: PluralBase, count: number, params?: MessageParams) => string;
}

/** A message with a form per plural category: `<base>.one` and `<base>.other` both exist. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** The plural category of `count` in `lang`, narrowed to the two forms the catalogues carry. */
export function pluralOf(lang: Lang, count: number): "one" | "other" {
  let pr = pluralRules.get(lang);
  if (!pr) {
    pr = new Intl.PluralRules(lang === "en" ? "en-US" : "zh-CN");
    pluralRules.set(lang, pr);
  }
  return pr.select(count) === "one" ? "one" : "other";
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

  const tn = (base: PluralBase, count: number, params?: MessageParams): string =>
    interpolate(catalogues[lang()][`${base}.${pluralOf(lang(), count)}` as MessageKey], {
      count,
      ...params,
    });

  return { lang, setLang, t, tn };
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
