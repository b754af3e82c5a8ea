import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import type { RequestHandler } from "express";

const gzipped = promisify(gzip);

/** The build's text files worth compressing, by their type. */
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * The build's scripts and styles (`build/client/assets`, named by their content, so they
 * never change) gzipped, each once and kept, for every browser that accepts gzip: the room's
 * first load is a third of its size on the wire (docs/performance.md). Anything else, and a
 * browser that asks for no gzip, goes on to express.static.
 */
export function compressedAssets(directory: string): RequestHandler {
  const kept = new Map<string, Promise<Buffer>>();
  return (req, res, next) => {
    const type = TYPES[extname(req.path)];
    if (!type || !/^\/[\w.-]+$/.test(req.path) || !["GET", "HEAD"].includes(req.method)) return next();
    res.vary("Accept-Encoding");
    if (!req.acceptsEncodings("gzip")) return next();
    let body = kept.get(req.path);
    if (!body) {
      body = readFile(resolve(directory, req.path.slice(1))).then((raw) =>
        gzipped(raw, { level: constants.Z_BEST_COMPRESSION }),
      );
      kept.set(req.path, body);
    }
    body.then(
      (gzip) => {
        res.set({
          "Content-Type": type,
          "Content-Encoding": "gzip",
          "Cache-Control": "public, max-age=31536000, immutable",
        });
        res.send(gzip);
      },
      () => {
        // No such file (or unreadable): not kept, and express.static answers as it would.
        kept.delete(req.path);
        next();
      },
    );
  };
}
