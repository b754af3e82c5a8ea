import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { loggablePath } from "../../server/log.ts";
import { isLocalRequest } from "../../server/metrics.ts";

const token = "ll2oCMRivpbzgxC7jgzMMoQRFGoBhywnvpNAPQ-VDK8";

describe("what a request log line may show of a path", () => {
  it("cuts the token out of setup, invitation and intake links, however they are spelled", () => {
    expect(loggablePath(`/setup/${token}`)).toBe("/setup/[token]");
    expect(loggablePath(`/invite/${token}?x=1`)).toBe("/invite/[token]");
    expect(loggablePath(`/intake/${token}.data`)).toBe("/intake/[token]");
    expect(loggablePath("/intake/short-but-secret")).toBe("/intake/[token]");
    expect(loggablePath(`//invite/${token}/again`)).toBe("//invite/[token]/again");
    expect(loggablePath(`/%69nvite/abc`)).toBe("/invite/[token]");
    expect(loggablePath(`/anywhere/${token}.data`)).toBe("/anywhere/[token].data");
  });

  it("drops the query string and keeps ids and case codes", () => {
    expect(loggablePath("/n/3f2a5f2e-1111-2222-3333-444455556666/cases/C-2026-0004?identity=show")).toBe(
      "/n/3f2a5f2e-1111-2222-3333-444455556666/cases/C-2026-0004",
    );
    expect(loggablePath("/n/abc/cases?q=Mateusz#top")).toBe("/n/abc/cases");
    expect(loggablePath("/n/abc/intake")).toBe("/n/abc/intake");
    expect(loggablePath("/bad%E0%A4%A")).toBe("/bad%E0%A4%A");
  });
});

describe("who may read /metrics without a token", () => {
  it("this machine, over IPv4 or IPv6", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
      expect(isLocalRequest(address, {}), address).toBe(true);
  });

  it("nobody else, and nothing relayed by a proxy", () => {
    for (const address of ["10.0.0.2", "192.168.1.20", "::ffff:192.168.1.2", "2001:db8::1", "", undefined, "localhost"])
      expect(isLocalRequest(address, {}), String(address)).toBe(false);
    expect(isLocalRequest("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toBe(false);
    expect(isLocalRequest("127.0.0.1", { forwarded: "for=203.0.113.9" })).toBe(false);
  });
});

describe("log and metrics settings", () => {
  it("take a log level and a metrics token, and name a bad one", () => {
    expect(loadConfig({})).toMatchObject({ logLevel: "info", metricsToken: undefined });
    expect(loadConfig({ LOG_LEVEL: "debug", METRICS_TOKEN: "0123456789abcdef" })).toMatchObject({
      logLevel: "debug",
      metricsToken: "0123456789abcdef",
    });
    expect(() => loadConfig({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: at least 16 characters/);
  });
});
