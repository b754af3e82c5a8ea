import type { NextFunction, Request, Response } from "express";

const page = (title: string, text: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Casetable</title></head>
<body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Back to Casetable</a></p></main></body></html>`;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} kB`;

/**
 * Request bodies are capped before anything reads them: a declared length over the limit
 * is answered 413 at once and the connection closed, so nothing of the body is held in
 * memory. A body without a declared length (chunked) is refused too (411): every form a
 * browser sends says its length.
 */
export function bodyLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.get("content-length");
    const hasBody = declared !== undefined || req.get("transfer-encoding") !== undefined;
    if (!hasBody) return next();
    if (declared === undefined || !/^\d+$/.test(declared)) {
      res.set("Connection", "close").status(411).type("html");
      return res.send(page("Length required", "This request did not say how long it is, so it was not read."));
    }
    if (Number(declared) <= maxBytes) return next();
    req.log?.warn({ code: "body_too_large", bytes: Number(declared), limit: maxBytes }, "request body refused");
    res.set("Connection", "close").status(413).type("html");
    res.send(
      page(
        "This is too much to send",
        `What you sent is ${size(Number(declared))}; Casetable accepts at most ${size(maxBytes)} in one form. Nothing was saved. Shorten the text and send it again.`,
      ),
    );
  };
}

/** Pages, data and files hold case information: no browser or proxy keeps a copy. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set("Cache-Control", "no-store");
  next();
}
