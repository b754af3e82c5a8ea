// npm run bench:documents — not part of npm test. Prints render times against the targets
// of issue 5 and exits non-zero when a hard target is missed.
import { chromium } from "playwright-core";
import { renderActionPlanPdf } from "../../server/documents/actionPlanPdf.ts";
import { minutesSchema } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact } from "../../server/documents/redact.ts";
import { FIXTURE_AGENCIES, minutesFixture } from "../fixtures/minutesFixture.ts";
import { planFixture } from "../fixtures/planFixture.ts";
import { chromiumHeaderFooter, minutesHtml } from "./minutesHtml.ts";

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ median: number; min: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], last };
}

const minutes = minutesSchema.parse(minutesFixture({ items: 30, tasks: 60 }));
const plan = planFixture(12);
const words = minutes.items.reduce((n, i) => n + JSON.stringify(i.notes).split(/\s+/).length, 0);

// Warm-up: the first documents pay for loading code and fonts.
for (let i = 0; i < 3; i++) {
  await renderMinutesPdf(minutes);
  await renderActionPlanPdf(plan);
}

const minutesRun = await timed(7, () => renderMinutesPdf(minutes));
const planRun = await timed(25, () => renderActionPlanPdf(plan));
const recipients = Array.from({ length: 15 }, (_, i) => ({
  agency: FIXTURE_AGENCIES[i % FIXTURE_AGENCIES.length],
  seesAll: i < 2,
}));
const copiesRun = await timed(3, async () => {
  for (const r of recipients) await renderMinutesPdf(redact(minutes, r));
});

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

const rows = [
  ["minutes, 30 items, 60 tasks (pdfkit)", minutesRun.median, 300, `${minutesRun.last.length} bytes`],
  ["action plan, 12 actions (pdfkit)", planRun.median, 50, `${planRun.last.length} bytes`],
  ["15 personalised copies (redact + render)", copiesRun.median, 2000, ""],
  ["same minutes, headless Chromium page.pdf()", chromiumRun.median, null, `${chromiumRun.last.length} bytes`],
] as const;
console.log(`\nDocument benchmark (median; notes ≈ ${words} words in total)\n`);
for (const [what, ms, limit, extra] of rows)
  console.log(
    `${what.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms  ${limit ? (ms <= limit ? `✓ < ${limit} ms` : `✗ over ${limit} ms`) : ""}  ${extra}`,
  );
const ratio = chromiumRun.median / minutesRun.median;
console.log(
  `\npdfkit is ${ratio.toFixed(1)}× faster than Chromium for the same minutes (aim: ≥ 5×) ${ratio >= 5 ? "✓" : "✗"}`,
);
const missed = rows.filter(([, ms, limit]) => limit !== null && ms > limit);
if (missed.length) {
  console.log(`\nMissed: ${missed.map(([w]) => w).join("; ")}`);
  process.exitCode = 1;
}
