import type { Request as ExpressRequest } from "express";
import { LANGUAGES, type Language } from "../../app/contract/vocabulary.ts";
import type { Services } from "../services.ts";

/**
 * The first language of an Accept-Language header that Casetable speaks, by the browser's
 * weights ("nl-BE,nl;q=0.9,en;q=0.8" → nl); null when it names none.
 */
export function fromAcceptLanguage(header: string | undefined | null): Language | null {
  if (!header) return null;
  const asked = header
    .split(",")
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split("-")[0], weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((a) => a.weight > 0 && Number.isFinite(a.weight))
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return asked.map((a) => LANGUAGES.find((l) => l === a.language)).find((l) => l !== undefined) ?? null;
}

/**
 * The language of a page: the person's own choice; else their browser's; else, on a
 * network's pages, the network's default; else English.
 */
export async function languageOf(
  req: ExpressRequest,
  chosen: Language | null | undefined,
  services: Services,
): Promise<Language> {
  if (chosen && LANGUAGES.includes(chosen)) return chosen;
  const browser = fromAcceptLanguage(req.get("accept-language"));
  if (browser) return browser;
  const networkId = /^\/n\/([^/]+)/.exec(req.path)?.[1];
  const network = networkId ? await services.networks.get(networkId) : null;
  return network && LANGUAGES.includes(network.language) ? network.language : "en";
}
