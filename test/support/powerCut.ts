// A power cut, modelled from the system calls a server process really made.
//
// The server runs under strace, which records every pwrite64/write, fsync/fdatasync,
// ftruncate, openat and unlink on the database and its write-ahead log, with the bytes
// written. Replaying that record gives two images of each file: what the page cache held
// (every write) and what the disk held (the page cache as of that file's last fsync).
// A power cut keeps only the disk image: every write not yet synced is lost. That is the
// worst case a power cut may leave, and one SQLite must survive. Copying the live files
// would not do: they come from the page cache, which still has the unsynced writes.
import { readFileSync } from "node:fs";

export type Images = Map<string, Buffer>;

/** strace's command line for a server writing to these files; the record goes to `logFile`. */
export function straceArgs(files: string[], logFile: string, command: string[]): string[] {
  return [
    "-f",
    "--seccomp-bpf",
    "-qq",
    "-y", // file descriptors as paths
    "-xx", // every byte written, in hex
    "-s",
    "1048576",
    "-e",
    "trace=openat,pwrite64,write,fsync,fdatasync,ftruncate,unlink",
    ...files.flatMap((f) => ["-P", f]),
    "-o",
    logFile,
    ...command,
  ];
}

const hex = (s: string) => Buffer.from(s.replace(/\\x/g, ""), "hex");
const call = /^(\d+) +(\w+)\((.*)\) += (-?\d+)/;
const unfinished = /^(\d+) +(\w+)\((.*) <unfinished \.\.\.>$/;
const resumed = /^(\d+) +<\.\.\. (\w+) resumed>(.*)\) += (-?\d+)/;
// With -xx, strace writes the paths of -y in hex too.
const fdPath = /^\d+<((?:\\x[0-9a-f]{2})+)>/;
const quotedPath = /"((?:\\x[0-9a-f]{2})+)"/;

/**
 * Replays a strace record over the files as they were when the process started and
 * answers what survives a power cut at the end of the record: each file as of its last
 * fsync. Files are named by path; a missing entry means the file did not exist.
 */
export function afterPowerCut(initial: Images, logFile: string): Images {
  const cache: Images = new Map([...initial].map(([p, b]) => [p, Buffer.from(b)]));
  const disk: Images = new Map([...initial].map(([p, b]) => [p, Buffer.from(b)]));
  const pending = new Map<string, string>(); // a call started in one thread, finished after another's
  const syncStart = new Map<string, { path: string; image: Buffer }>(); // the file when a pending sync began
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (line === "" || line.includes("+++ killed by") || line.includes("--- SIG") || line.includes("+++ exited"))
      continue;
    // Cut short by the kill: it never returned (newer strace adds "<unavailable>").
    if (line.endsWith("= ?") || line.endsWith("= ? <unavailable>")) continue;
    // A thread caught by the kill on its way into a call: strace could no longer read which
    // call (`???`). It never returned, so it changed nothing that was promised.
    if (/^\d+ +(<\.\.\. )?\?\?\?/.test(line)) continue;
    const started = unfinished.exec(line);
    if (started) {
      pending.set(started[1], started[3]);
      // A sync promises only what was written before it began, not what another thread
      // writes while it runs: it is applied with the file as it was when it started.
      const syncing = started[2] === "fsync" || started[2] === "fdatasync";
      const encoded = syncing ? fdPath.exec(started[3])?.[1] : undefined;
      if (encoded) {
        const path = hex(encoded).toString();
        syncStart.set(started[1], { path, image: Buffer.from(cache.get(path) ?? Buffer.alloc(0)) });
      }
      continue;
    }
    const r = resumed.exec(line);
    const m = r ? ([r[0], r[1], r[2], (pending.get(r[1]) ?? "") + r[3], r[4]] as const) : call.exec(line);
    if (!m) throw new Error(`unexpected strace line: ${line.slice(0, 120)} … ${line.slice(-160)}`);
    if (r) pending.delete(r[1]);
    const began = r ? syncStart.get(r[1]) : undefined;
    if (r) syncStart.delete(r[1]);
    const [, , name, args, result] = m;
    // A call cut short by the kill (`= ?`) never matches; a failed call changed nothing.
    if (Number(result) < 0) continue;
    if (name === "openat" || name === "unlink") {
      const path = hex(quotedPath.exec(args)![1]).toString();
      if (name === "unlink") {
        cache.delete(path);
        disk.delete(path);
      } else if (args.includes("O_CREAT")) {
        if (!cache.has(path)) cache.set(path, Buffer.alloc(0));
        // SQLite syncs the directory after creating the log, so the (empty) file exists on disk.
        if (!disk.has(path)) disk.set(path, Buffer.alloc(0));
      }
      continue;
    }
    const encoded = fdPath.exec(args)?.[1];
    if (!encoded) throw new Error(`no file path in: ${line.slice(0, 120)}`);
    const path = hex(encoded).toString();
    if (name === "pwrite64") {
      const w = /^\d+<.+?>, "((?:\\x[0-9a-f]{2})*)"(\.\.\.)?, (\d+), (\d+)$/.exec(args);
      if (!w || w[2]) throw new Error(`a write was not recorded whole: ${line.slice(0, 120)}`);
      const data = hex(w[1]);
      if (data.length !== Number(result)) throw new Error(`a short write is not modelled: ${line.slice(0, 120)}`);
      cache.set(path, writeAt(cache.get(path) ?? Buffer.alloc(0), data, Number(w[4])));
    } else if (name === "write") {
      throw new Error(`SQLite wrote without an offset, which this model does not follow: ${line.slice(0, 120)}`);
    } else if (name === "ftruncate") {
      const length = Number(/, (\d+)$/.exec(args)![1]);
      const before = cache.get(path) ?? Buffer.alloc(0);
      cache.set(
        path,
        length <= before.length
          ? before.subarray(0, length)
          : Buffer.concat([before, Buffer.alloc(length - before.length)]),
      );
    } else if (name === "fsync" || name === "fdatasync") {
      disk.set(path, began?.path === path ? began.image : Buffer.from(cache.get(path) ?? Buffer.alloc(0)));
    }
  }
  return disk;
}

function writeAt(file: Buffer, data: Buffer, offset: number): Buffer {
  const out =
    file.length >= offset + data.length
      ? Buffer.from(file)
      : Buffer.concat([file, Buffer.alloc(offset + data.length - file.length)]);
  data.copy(out, offset);
  return out;
}
