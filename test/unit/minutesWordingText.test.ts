import { describe, expect, it } from "vitest";
import { wordingChanges } from "../../server/minutes/wordingChanges.ts";
import { wordingText } from "../../server/minutes/wordingDoc.ts";
import type { NoteDoc } from "../../server/documents/minutesModel.ts";

const p = (...texts: string[]) => ({ type: "paragraph", content: texts.map((text) => ({ type: "text", text })) });
const doc = (...content: object[]) => ({ type: "doc", content }) as NoteDoc;

describe("the words of a minutes wording, and what changed in them", () => {
  it("one line per paragraph, heading or list item; marks split no line", () => {
    const list = {
      type: "bulletList",
      content: [
        { type: "listItem", content: [p("a", "b")] },
        { type: "listItem", content: [p("c")] },
      ],
    };
    expect(
      wordingText(doc(p("Continue.", " Rising."), { type: "heading", content: [{ type: "text", text: "H" }] }, list)),
    ).toBe("Continue. Rising.\nH\nab\nc");
  });

  it("marks the words removed and added; nothing when only the marks changed", () => {
    expect(wordingChanges(doc(p("The plan holds.")), doc(p("The plan still holds.")))).toEqual([
      { kind: "same", text: "The plan " },
      { kind: "added", text: "still " },
      { kind: "same", text: "holds." },
    ]);
    expect(
      wordingChanges(
        doc(p("Same")),
        doc({ type: "paragraph", content: [{ type: "text", text: "Same", marks: [{ type: "bold" }] }] }),
      ),
    ).toBeNull();
  });
});
