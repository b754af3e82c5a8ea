import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { databasePath } from "../../db/client.ts";
import { loadConfig } from "../../server/config.ts";
import { keyFileFor } from "../../server/crypto/keyFile.ts";

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

  it("TRUST_PROXY names whom to believe: a hop count or the proxies' addresses, never anyone", () => {
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: .*believe X-Forwarded-For from anyone/);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => loadConfig({ TRUST_PROXY: "proxy.example" })).toThrow(/TRUST_PROXY/);
  });

  it("several nodes only with REDIS_URL, a redis:// or rediss:// URL; REDIS_PREFIX names their streams", () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: "redis://10.0.0.7:6379/2" }).redis).toEqual({
      url: "redis://10.0.0.7:6379/2",
      prefix: "casetable",
    });
    expect(loadConfig({ REDIS_URL: "rediss://cache.example", REDIS_PREFIX: "region-1" }).redis!.prefix).toBe(
      "region-1",
    );
    expect(() => loadConfig({ REDIS_URL: "cache.example:6379" })).toThrow(/REDIS_URL: a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ REDIS_URL: "redis://cache.example", REDIS_PREFIX: "a:b" })).toThrow(/REDIS_PREFIX/);
  });

  it("NODE_NAME names a node among several, the same across its restarts; none by default", () => {
    expect(loadConfig({}).nodeName).toBeNull();
    expect(loadConfig({ NODE_NAME: "casetable-2.region:3000" }).nodeName).toBe("casetable-2.region:3000");
    expect(() => loadConfig({ NODE_NAME: "node two" })).toThrow(/NODE_NAME/);
    expect(() => loadConfig({ NODE_NAME: "n".repeat(65) })).toThrow(/NODE_NAME/);
  });

  it("sessions end after 30 idle minutes and 12 hours by default; forms up to 1 MB", () => {
    const config = loadConfig({});
    expect(config.sessions).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    expect(config.bodyLimit).toBe(1024 * 1024);
    expect(loadConfig({ BODY_LIMIT: "512kb" }).bodyLimit).toBe(512 * 1024);
    expect(() => loadConfig({ BODY_LIMIT: "lots" })).toThrow(/BODY_LIMIT/);
  });

  it("refuses scheduled backups of PostgreSQL, which they cannot copy (server/backup copies SQLite's file)", () => {
    const backups = { BACKUP_DIR: "/var/backups/casetable", BACKUP_EVERY: "1d" };
    expect(loadConfig(backups).backup).toEqual({ dir: "/var/backups/casetable", everyMs: 86_400_000 });
    expect(() => loadConfig({ ...backups, DATABASE_URL: "postgres://casetable@db.example/casetable" })).toThrow(
      /BACKUP_DIR: backs up the embedded SQLite database only; with PostgreSQL/,
    );
    expect(loadConfig({ DATABASE_URL: "postgres://casetable@db.example/casetable" }).backup).toBeUndefined();
  });

  it("keeps the key file beside a SQLite database, where CASETABLE_KEY_FILE says on PostgreSQL, and refuses PostgreSQL without it", () => {
    expect(keyFileFor("./data/casetable.db", undefined)).toBe(resolve("data/casetable.key"));
    expect(keyFileFor("./data/casetable.db", "/etc/casetable/keys")).toBe("/etc/casetable/keys");
    const postgres = "postgres://casetable@db.example/casetable";
    expect(keyFileFor(postgres, "/etc/casetable/keys")).toBe("/etc/casetable/keys");
    expect(() => keyFileFor(postgres, undefined)).toThrow(
      /PostgreSQL database, so CASETABLE_KEY_FILE must name the key file/,
    );
  });

  it("accepts the database as a path or a file: URL", () => {
    expect(databasePath("./data/x.db")).toBe("./data/x.db");
    expect(databasePath("file:./data/x.db")).toBe("./data/x.db");
    expect(databasePath("file:///var/lib/casetable/x.db")).toBe("/var/lib/casetable/x.db");
  });
});
