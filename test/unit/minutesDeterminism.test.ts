import { describe, expect, it } from "vitest";
import { minutesSchema } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact } from "../../server/documents/redact.ts";
import { forgetMeasuredText } from "../../server/documents/textCache.ts";
import { FIXTURE_AGENCIES, minutesFixture } from "../fixtures/minutesFixture.ts";

// The same minutes of the same version are the same file, byte for byte, whatever the
// process measured before (textCache.ts keeps words, breaks and font subsets across documents).

const createdAt = new Date("2030-03-16T10:00:00Z");
const minutes = minutesSchema.parse(minutesFixture({ items: 8, tasks: 12 }));
const health = { agency: FIXTURE_AGENCIES[3], seesAll: false };

/** Where two files first differ, so a failure says more than "not equal". */
function firstDifference(a: Buffer, b: Buffer): string | null {
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `${a.length} vs ${b.length} bytes, first difference at byte ${i}: …${a.subarray(Math.max(0, i - 40), i + 40).toString("latin1")}…`;
}

describe("the minutes PDF is deterministic", () => {
  it("gives the same bytes for the same minutes, first in the process or after other documents", async () => {
    forgetMeasuredText();
    const first = await renderMinutesPdf(minutes, { createdAt });
    const again = await renderMinutesPdf(minutes, { createdAt });
    // Other documents in between fill the caches with other words and font subsets.
    const other = minutesSchema.parse(minutesFixture({ items: 3, tasks: 2 }));
    other.items[0].summary = "Ærøskøbing, Łódź, Ελλάδα — a summary with words the minutes do not have.";
    await renderMinutesPdf(other, { createdAt });
    await renderMinutesPdf(redact(minutes, health), { createdAt });
    const later = await renderMinutesPdf(minutes, { createdAt });
    expect(firstDifference(first, again)).toBeNull();
    expect(firstDifference(first, later)).toBeNull();
  });

  it("a new version, another date or another copy is another file", async () => {
    const base = await renderMinutesPdf(minutes, { createdAt });
    const next = { ...minutes, document: { ...minutes.document, version: minutes.document.version + 1 } };
    expect(base.equals(await renderMinutesPdf(next, { createdAt }))).toBe(false);
    expect(base.equals(await renderMinutesPdf(minutes, { createdAt: new Date("2030-03-17T10:00:00Z") }))).toBe(false);
    expect(base.equals(await renderMinutesPdf(redact(minutes, health), { createdAt }))).toBe(false);
  });
});
