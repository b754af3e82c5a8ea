// One harness for integration and browser tests: a real server per test file (port 0, its
// folder in a temporary one, SQLite there or, under CASETABLE_TEST_DIALECT=postgresql, a
// PostgreSQL database of its own), the demo network, optionally a second tenant, and
// Chromium with people signed in through the real sign-in page. The same server can be
// restarted on its data, or handed over to a real server process (to SIGTERM or SIGKILL).
import { renameSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import type { DestinationStream } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { openServerDatabase } from "../../db/serverDatabase.ts";
import { loadConfig } from "../../server/config.ts";
import { createLog } from "../../server/log.ts";
import { keyFileFor } from "../../server/crypto/keyFile.ts";
import { createServices, type Services } from "../../server/services.ts";
import { chromiumAvailable, launchBrowser, signInAs as signInInBrowser, watchConsole } from "./browser.ts";
import { PASSWORD, seedNetwork, signedIn, withoutSecondFactor, type Network } from "./fixtures.ts";
import type { Visitor } from "./http.ts";
import { dataIn, dropped, startTestServer, type TestServer } from "./server.ts";
import { freePort, kill, spawnServer, type ServerProcess } from "./serverProcess.ts";

/** Another network on the same Casetable, with a chair of its own, to prove nothing crosses. */
export interface SecondTenant {
  networkId: string;
  agencyId: string;
  chairEmail: string;
}

export interface TestServerOptions {
  /** Seed the demo network (people in every role). Default true. */
  seed?: boolean;
  /** Also create a second network, Eastport, with its own chair. Default false. */
  secondTenant?: boolean;
  /** Extra environment for the server's configuration; a function when it depends on
   * something an earlier `beforeAll` started (a mail server's address). */
  env?: Record<string, string> | (() => Record<string, string>);
  /** A new server, with a folder of its own, for every test instead of one for the file
   * (tests that each need an untouched first run or room). Default false. */
  perTest?: boolean;
  /** Where the server's log goes, for a test that reads it; dropped otherwise. */
  logTo?: DestinationStream;
}

/** What `useTestServer` gives a test file, ready from its `beforeAll` on. */
export interface TestServerHandle {
  readonly server: TestServer;
  readonly url: string;
  readonly services: TestServer["services"];
  readonly net: Network;
  readonly secondTenant: SecondTenant;
  /** A person signed in through the real sign-in form (HTTP, with cookies). */
  signIn(email: string, password?: string): Promise<Visitor>;
  /**
   * Stops the server and starts it again on the same data and settings; the handle then
   * reaches the new one. With `moved`, the data folder is first moved elsewhere, as a
   * restore into another folder leaves it.
   */
  restart(options?: { moved?: boolean }): Promise<TestServer>;
  /**
   * Stops the in-process server (keeping its data) and runs the real server as its own
   * process (`npm start`'s entry) on that data, with `env` added: for what only a process
   * shows (SIGTERM, SIGKILL). Every process of the file listens on the same port, so one
   * started again comes back at the same address, which `url` (and `signIn`, and
   * `useBrowser`) then use; all are killed after the file. `services` then read the same
   * database through the test's own connection (their mail worker is not started).
   */
  spawn(env?: Record<string, string>): Promise<ServerProcess>;
  /**
   * After `spawn`: another server process on the same data and settings, with `env` added
   * and a port of its own, as one more node behind a load balancer (decision 0045); killed
   * after the file like the others.
   */
  spawnNode(env?: Record<string, string>): Promise<SpawnedNode>;
  /**
   * The environment `spawn` and `spawnNode` give their processes (database, folders, the
   * file's settings): for a command run on the same data, as an operator runs it.
   */
  processEnv(): Record<string, string>;
}

/** One more node of `spawnNode`. */
export interface SpawnedNode {
  readonly url: string;
  readonly process: ServerProcess;
  /** Starts it again (after a kill) on its port, data and settings; resolves once it listens. */
  restart(): Promise<void>;
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(
      `${what} is not there: use it inside a test or a hook after useTestServer's beforeAll, and ask for it in the options`,
    );
  return value;
}

async function createSecondTenant(services: TestServer["services"], net: Network): Promise<SecondTenant> {
  const admin = { personId: net.byRole("admin").personId, ip: null };
  const networkId = await services.networks.create(admin, {
    networkName: "Eastport Case Conference",
    timeZone: "Europe/Paris",
    agencyName: "Eastport Police",
    agencySector: "police",
  });
  await withoutSecondFactor(services, networkId, admin.personId);
  const agencyId = (await services.networks.listAgencies(networkId))[0].id;
  const chairEmail = "chair@eastport.example";
  const invite = await services.invitations.create(admin, networkId, {
    email: chairEmail,
    agencyId,
    role: "chair",
    mandate: "decides",
  });
  if (!invite.ok) throw new Error("second tenant: invitation refused");
  const accepted = await services.invitations.acceptWithNewAccount(
    invite.token,
    { name: "Eastport Chair", password: PASSWORD },
    { ip: "127.0.0.1", userAgent: null },
  );
  if (!accepted.ok) throw new Error("second tenant: the chair's account was refused");
  return { networkId, agencyId, chairEmail };
}

/** Services on a database another process serves, to read it as that server would. */
async function servicesOn(server: TestServer, env: Record<string, string>): Promise<Services> {
  const config = loadConfig({ ...dataIn(server.dir, server.testDatabase.url), ...env });
  const database = await openServerDatabase(config.databaseUrl);
  try {
    return await createServices(database, {
      mail: config.mail,
      archiveDir: config.archiveDir,
      log: createLog("info", dropped),
      keyFile: keyFileFor(config.databaseUrl, config.keyFile),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Starts a real Casetable for the test file (or each test) and stops it (and removes its folder) after. */
export function useTestServer(options: TestServerOptions = {}): TestServerHandle {
  let server: TestServer | undefined;
  let net: Network | undefined;
  let second: SecondTenant | undefined;
  let env: Record<string, string> = {};
  /** The file's server processes, their port, and the test's services on their database. */
  let processes: ServerProcess[] = [];
  let port: number | undefined;
  let observer: Services | undefined;
  let processUrl: string | undefined;
  const start = async (again: TestServer, dir: string) => {
    await observer?.database.close();
    observer = undefined;
    processUrl = undefined;
    server = await startTestServer(env, { logTo: options.logTo, dir, database: again.testDatabase });
    return server;
  };
  const before = options.perTest ? beforeEach : beforeAll;
  const after = options.perTest ? afterEach : afterAll;
  before(async () => {
    env = typeof options.env === "function" ? options.env() : (options.env ?? {});
    processes = [];
    port = undefined;
    processUrl = undefined;
    server = await startTestServer(env, { logTo: options.logTo });
    if (options.seed !== false) net = await seedNetwork(server.services);
    if (options.secondTenant)
      second = await createSecondTenant(server.services, ready(net, "The second tenant needs the seeded network, so"));
  });
  after(async () => {
    await Promise.all(processes.map(kill));
    await observer?.database.close();
    observer = undefined;
    await server?.stop();
  });
  const url = () => processUrl ?? ready(server, "The server").url;
  /** The settings of the file's server processes: its data and the file's environment. */
  const processEnv = () => {
    const current = ready(server, "The server");
    return { ...dataIn(current.dir, current.testDatabase.url), ...env };
  };
  return {
    processEnv,
    get server() {
      return ready(server, "The server");
    },
    get url() {
      return url();
    },
    get services() {
      return observer ?? ready(server, "The server").services;
    },
    get net() {
      return ready(net, "The seeded network");
    },
    get secondTenant() {
      return ready(second, "The second tenant");
    },
    signIn: (email, password = PASSWORD) => signedIn(url(), email, password),
    async restart({ moved = false } = {}) {
      const stopped = ready(server, "The server");
      await stopped.close();
      if (!moved) return start(stopped, stopped.dir);
      const elsewhere = `${stopped.dir}-moved`;
      renameSync(stopped.dir, elsewhere);
      return start(stopped, elsewhere);
    },
    async spawn(extra = {}) {
      const current = ready(server, "The server");
      if (!observer) {
        await current.close();
        observer = await servicesOn(current, env);
      }
      port ??= await freePort();
      const child = spawnServer({ ...processEnv(), PORT: String(port), ...extra });
      processes.push(child);
      processUrl = await child.ready;
      return child;
    },
    async spawnNode(extra = {}) {
      if (!processUrl) throw new Error("spawnNode comes after spawn: the first node stops the in-process server");
      const nodeEnv = { ...processEnv(), PORT: String(await freePort()), ...extra };
      let child = spawnServer(nodeEnv);
      processes.push(child);
      const url = await child.ready;
      return {
        url,
        get process() {
          return child;
        },
        async restart() {
          child = spawnServer(nodeEnv);
          processes.push(child);
          await child.ready;
        },
      };
    },
  };
}

/** What `useBrowser` gives a test file: one Chromium for the file, closed after. */
export interface BrowserHandle {
  /** False when Chromium is missing outside CI: skip the file's tests (a failure under CI=true). */
  readonly available: boolean;
  readonly browser: Browser;
  /** A person signed in through the real sign-in page, in a browser context of their own. */
  signInAs(email: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** The same, with the page's console errors collected from the sign-in page on. */
  signInWatching(
    email: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; problems: string[] }>;
}

export function useBrowser(server: Pick<TestServerHandle, "url">): BrowserHandle {
  const available = chromiumAvailable();
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (available) browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  return {
    available,
    get browser() {
      return ready(browser, "Chromium");
    },
    signInAs: (email, viewport) => signInInBrowser(ready(browser, "Chromium"), server.url, email, viewport),
    async signInWatching(email, viewport) {
      let problems: string[] = [];
      const page = await signInInBrowser(
        ready(browser, "Chromium"),
        server.url,
        email,
        viewport,
        (p) => (problems = watchConsole(p)),
      );
      return { page, problems };
    },
  };
}
