// npm run bench:documents — not part of npm test. Prints each render time beside its aim
// (issue 16); with `-- --check` it exits non-zero when an aim is missed. Ratios are taken
// within the run, so they hold on a busy machine where absolute times do not.
import os from "node:os";
import { chromium } from "playwright-core";
import { renderActionPlanPdf } from "../../server/documents/actionPlanPdf.ts";
import { minutesSchema } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact } from "../../server/documents/redact.ts";
import { forgetMeasuredText } from "../../server/documents/textCache.ts";
import { FIXTURE_AGENCIES, minutesFixture } from "../fixtures/minutesFixture.ts";
import { planFixture } from "../fixtures/planFixture.ts";
import { chromiumHeaderFooter, minutesHtml } from "./minutesHtml.ts";

const check = process.argv.includes("--check");

async function timed<T>(
  runs: number,
  work: () => Promise<T>,
  before?: () => void,
): Promise<{ median: number; cpu: number; last: T }> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    before?.();
    const t = performance.now();
    const c = process.cpuUsage();
    last = await work();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { median: median(times), cpu: median(cpuTimes), last };
}

const minutes = minutesSchema.parse(minutesFixture({ items: 30, tasks: 60 }));
const plan = planFixture(12);
const words = minutes.items.reduce((n, i) => n + JSON.stringify(i.notes).split(/\s+/).length, 0);
const recipients = Array.from({ length: 15 }, (_, i) => ({
  agency: FIXTURE_AGENCIES[i % FIXTURE_AGENCIES.length],
  seesAll: i < 2,
}));
// The copies are rendered as the server distributes them: one after the other, in its thread.
const copies = async () => {
  for (const r of recipients) await renderMinutesPdf(redact(minutes, r));
};

// Warm-up: the first documents pay for loading code and fonts.
for (let i = 0; i < 3; i++) {
  await renderMinutesPdf(minutes);
  await renderActionPlanPdf(plan);
}
await copies();

const minutesRun = await timed(9, () => renderMinutesPdf(minutes));
// The same minutes with nothing measured before: what a first document costs.
const coldRun = await timed(5, () => renderMinutesPdf(minutes), forgetMeasuredText);
const planRun = await timed(25, () => renderActionPlanPdf(plan));
const copiesRun = await timed(3, copies);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
let chromiumRun: Awaited<ReturnType<typeof timed<Buffer>>>;
try {
  const page = await browser.newPage();
  const html = minutesHtml(minutes);
  const print = async () => {
    await page.setContent(html, { waitUntil: "load" });
    return page.pdf({
      format: "A4",
      displayHeaderFooter: true,
      ...chromiumHeaderFooter(minutes),
      margin: { top: "26mm", bottom: "25mm", left: "22mm", right: "22mm" },
      tagged: true,
    });
  };
  await print();
  chromiumRun = await timed(5, print);
} finally {
  await browser.close();
}

const ratio = chromiumRun.median / minutesRun.median;
const ms = (n: number) => `${n.toFixed(1)} ms`;
// The CPU time this process spent beside the wall time: on a busy machine the wall time
// measures the load as much as the code (docs/performance.md, "Minutes").
const withCpu = (run: { median: number; cpu: number }) => `${ms(run.median)} (cpu ${ms(run.cpu)})`;
const figures: { what: string; value: string; aim: string; met: boolean | null }[] = [
  {
    what: "minutes, 30 items, 60 tasks (pdfkit)",
    value: withCpu(minutesRun),
    aim: "< 100 ms",
    met: minutesRun.median < 100,
  },
  {
    what: "  the same, nothing measured before",
    value: withCpu(coldRun),
    aim: "",
    met: null,
  },
  {
    what: "same minutes, Chromium page.pdf() ÷ pdfkit",
    value: `${ratio.toFixed(1)}× (${ms(chromiumRun.median)})`,
    aim: "≥ 5×",
    met: ratio >= 5,
  },
  {
    what: "15 personalised copies (redact + render)",
    value: withCpu(copiesRun),
    aim: "< 1,000 ms",
    met: copiesRun.median < 1000,
  },
  { what: "action plan, 12 actions (pdfkit)", value: ms(planRun.median), aim: "< 50 ms", met: planRun.median < 50 },
];
console.log(
  `\nDocument benchmark (medians; notes ≈ ${words} words; minutes ${minutesRun.last.length} bytes; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)\n`,
);
for (const f of figures)
  console.log(
    `${f.what.padEnd(44)} ${f.value.padStart(30)}   ${f.aim ? `aim ${f.aim}`.padEnd(16) : "".padEnd(16)} ${f.met === null ? "" : f.met ? "✓" : "✗"}`,
  );
const missed = figures.filter((f) => f.met === false);
if (missed.length) console.log(`\nMissed: ${missed.map((f) => f.what).join("; ")}`);
if (check && missed.length) process.exitCode = 1;
// Chromium's pipes may hold the process open.
process.exit();
