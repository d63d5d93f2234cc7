import { defaultLocale, locales, type Locale } from "../../domain/locale.ts";

function asLocale(value: string | null | undefined): Locale | undefined {
  return (locales as readonly (string | null | undefined)[]).includes(value)
    ? (value as Locale)
    : undefined;
}

/**
 * The language to answer in before the body is read (or when it says nothing): a `locale` query
 * parameter (`?locale=en`), else the page the request came from – the site's English pages live
 * under `/en/`, and browsers send the full address of same-origin pages as `Referer` – else
 * Swedish. `Accept-Language` is not read: the answer follows the page the person used.
 */
export function requestLocale(request: Request): Locale {
  const url = new URL(request.url);
  const asked = asLocale(url.searchParams.get("locale"));
  if (asked) return asked;
  if (url.pathname.startsWith("/en/")) return "en";
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.origin === url.origin && from.pathname.startsWith("/en/")) return "en";
    } catch {
      // An unreadable Referer says nothing about the language.
    }
  }
  return defaultLocale;
}
