// One harness for integration and browser tests: a real server per test file (port 0,
// SQLite in a temporary folder), the demo network, optionally a second tenant, and
// Chromium with people signed in through the real sign-in page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { chromiumAvailable, launchBrowser, signInAs as signInInBrowser, watchConsole } from "./browser.ts";
import { PASSWORD, seedNetwork, signedIn } from "./fixtures.ts";
import type { Visitor } from "./http.ts";
import { startTestServer, type TestServer } from "./server.ts";

type Network = Awaited<ReturnType<typeof seedNetwork>>;

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
  const networkId = services.networks.create(admin, {
    networkName: "Eastport Case Conference",
    timeZone: "Europe/Paris",
    agencyName: "Eastport Police",
    agencySector: "police",
  });
  const agencyId = (await services.networks.listAgencies(networkId))[0].id;
  const chairEmail = "chair@eastport.example";
  const invite = services.invitations.create(admin, networkId, {
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

/** Starts a real Casetable for the test file and stops it (and removes its folder) after. */
export function useTestServer(options: TestServerOptions = {}): TestServerHandle {
  let server: TestServer | undefined;
  let net: Network | undefined;
  let second: SecondTenant | undefined;
  beforeAll(async () => {
    server = await startTestServer(typeof options.env === "function" ? options.env() : options.env);
    if (options.seed !== false) net = await seedNetwork(server.services);
    if (options.secondTenant)
      second = await createSecondTenant(server.services, ready(net, "The second tenant needs the seeded network, so"));
  });
  afterAll(() => server?.stop());
  return {
    get server() {
      return ready(server, "The server");
    },
    get url() {
      return ready(server, "The server").url;
    },
    get services() {
      return ready(server, "The server").services;
    },
    get net() {
      return ready(net, "The seeded network");
    },
    get secondTenant() {
      return ready(second, "The second tenant");
    },
    signIn: (email, password = PASSWORD) => signedIn(ready(server, "The server").url, email, password),
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
