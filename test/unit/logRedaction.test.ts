import { describe, expect, it } from "vitest";
import { createLog, REDACTED_KEYS } from "../../server/log.ts";

/** A log writing its lines into an array, parsed. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLog("info", { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe("the log's redaction", () => {
  it("replaces every listed key, at the top and further down, in objects and in arrays", () => {
    const { log, lines } = capturedLog();
    for (const key of REDACTED_KEYS) log.info({ [key]: "secret", nested: { [key]: "secret" } }, "line");
    log.info({ a: { b: { c: { d: { name: "Deep Name" } } } }, list: [{ email: "x@example.org" }, { ok: 1 }] }, "deep");
    for (const [i, key] of REDACTED_KEYS.entries()) {
      expect(lines[i][key]).toBe("[redacted]");
      expect((lines[i].nested as Record<string, unknown>)[key]).toBe("[redacted]");
    }
    const deep = lines.at(-1)!;
    expect(JSON.stringify(deep)).not.toContain("Deep Name");
    expect(JSON.stringify(deep)).not.toContain("x@example.org");
    expect(deep.list).toEqual([{ email: "[redacted]" }, { ok: 1 }]);
  });

  it("keeps what is not listed: ids, codes, counts, durations, the message", () => {
    const { log, lines } = capturedLog();
    log.info({ personId: "p-1", command: "decision:record", result: "ok", ms: 1.2, at: new Date(0) }, "command");
    expect(lines[0]).toMatchObject({
      personId: "p-1",
      command: "decision:record",
      result: "ok",
      ms: 1.2,
      at: "1970-01-01T00:00:00.000Z",
      msg: "command",
    });
  });

  it("leaves the caller's object as it was, and redacts an object each time it is met", () => {
    const { log, lines } = capturedLog();
    const person = { id: "p-1", name: "Ada Example" };
    const fields = { first: person, second: person };
    log.info(fields, "twice");
    expect(lines[0]).toEqual(
      expect.objectContaining({ first: { id: "p-1", name: "[redacted]" }, second: { id: "p-1", name: "[redacted]" } }),
    );
    expect(person.name).toBe("Ada Example");
    expect(fields.first).toBe(person);
  });

  it("writes a line with a cycle in it, and redacts around the cycle", () => {
    const { log, lines } = capturedLog();
    const loop: Record<string, unknown> = { id: "x", token: "t0ken" };
    loop.self = loop;
    log.info({ loop }, "cycle");
    expect(JSON.stringify(lines[0])).not.toContain("t0ken");
    expect((lines[0].loop as Record<string, unknown>).id).toBe("x");
  });

  it("writes an error through its serializer: kind, code and message, never its extras", () => {
    const { log, lines } = capturedLog();
    const error = Object.assign(new Error("disk full"), { code: "ENOSPC", payload: { name: "Ada Example" } });
    log.error({ err: error }, "failed");
    log.warn({ cause: error }, "failed elsewhere");
    expect(lines[0].err).toMatchObject({ type: "Error", code: "ENOSPC", message: "disk full" });
    expect(JSON.stringify(lines)).not.toContain("Ada Example");
  });

  it("redacts a child logger's bindings", () => {
    const { log, lines } = capturedLog();
    log.child({ sessionId: "s3cret", personId: "p-1" }).info("bound");
    expect(lines[0]).toMatchObject({ sessionId: "[redacted]", personId: "p-1" });
  });
});
