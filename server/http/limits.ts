import type { NextFunction, Request, Response } from "express";
import { pageWordsIn } from "../i18n.ts";
import { fromAcceptLanguage } from "./language.ts";

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * The page of a refused body, in the browser's language: it is answered before the
 * session or React Router runs, so the person's own choice is not known here.
 */
function page(req: Request, title: string, text: string, values: Record<string, string> = {}) {
  const language = fromAcceptLanguage(req.get("accept-language")) ?? "en";
  const t = pageWordsIn(language);
  const heading = escape(t(`errors.limits.${title}`));
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · Casetable</title></head>
<body><main><h1>${heading}</h1><p>${escape(t(`errors.limits.${text}`, values))}</p><p><a href="/">${escape(t("errors.limits.back"))}</a></p></main></body></html>`;
}

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
      return res.send(page(req, "lengthTitle", "lengthText"));
    }
    if (Number(declared) <= maxBytes) return next();
    req.log?.warn({ code: "body_too_large", bytes: Number(declared), limit: maxBytes }, "request body refused");
    res.set("Connection", "close").status(413).type("html");
    res.send(page(req, "tooLargeTitle", "tooLargeText", { sent: size(Number(declared)), limit: size(maxBytes) }));
  };
}

/** Pages, data and files hold case information: no browser or proxy keeps a copy. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set("Cache-Control", "no-store");
  next();
}
