import { describe, expect, it } from "vitest";
import { databasePath } from "../../db/client.ts";
import { loadConfig } from "../../server/config.ts";

describe("configuration", () => {
  it("has sensible defaults", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe("./data/casetable.db");
    expect(config.trustProxy).toBe(false);
  });

  it("stops the start with a message naming a bad value", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
  });

  it("accepts the database as a path or a file: URL", () => {
    expect(databasePath("./data/x.db")).toBe("./data/x.db");
    expect(databasePath("file:./data/x.db")).toBe("./data/x.db");
    expect(databasePath("file:///var/lib/casetable/x.db")).toBe("/var/lib/casetable/x.db");
  });
});
