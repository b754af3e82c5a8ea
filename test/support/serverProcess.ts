import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves with the URL once the server says it is running. */
  ready: Promise<string>;
}

/** The URL in the log line the server writes once it listens (JSON lines on stdout). */
export function runningAt(stdout: string): string | undefined {
  const line = stdout.split("\n").find((l) => l.includes('"Casetable is running"'));
  return line ? (JSON.parse(line) as { url: string }).url : undefined;
}

/** A port free right now, so a server started again comes back at the same address. */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** `npm start` as an operator runs it: `node --import tsx server/index.ts` in its own process, with only the given environment. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  // One process, as `npm start` runs it: the tsx CLI's own wrapper process would SIGKILL a
  // server that takes over 30 ms to acknowledge a relayed SIGTERM.
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | string>((done) =>
    child.once("exit", (code, signal) => done(code ?? signal ?? "unknown")),
  );
  const ready = new Promise<string>((done, fail) => {
    const look = () => {
      const url = runningAt(out);
      if (url) done(url);
    };
    child.stdout!.on("data", look);
    void exited.then((code) => fail(new Error(`the server exited (${code}) before it was ready:\n${err}`)));
  });
  ready.catch(() => {});
  return { child, stdout: () => out, stderr: () => err, exited, ready };
}

/** SIGKILL, as a crash or the OOM killer, and wait until the process is gone. */
export async function kill(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
  await server.exited;
}
