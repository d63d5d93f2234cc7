/**
 * Turns one of config.toml's redirect URL patterns into a regular expression with GoTrue's glob
 * rules: `*` matches within one path segment or host label, `**` matches anything (including `/`).
 */
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === "*" && pattern[index + 1] === "*") {
      source += ".*";
      index += 1;
    } else if (char === "*") {
      source += "[^/.]*";
    } else if (char === "?") {
      source += "[^/.]";
    } else {
      source += char.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * The address Auth sends the user to after a magic link, invitation or password reset: the
 * requested `redirect_to` when it is the site URL, under the site's origin, or matches one of the
 * additional redirect URLs; otherwise the site URL. An unlisted address is never followed, so a
 * link in an e-mail cannot be made to deliver tokens to someone else's site.
 */
export function chooseRedirect(
  requested: string | null | undefined,
  siteUrl: string,
  allowed: readonly string[],
): string {
  if (!requested) return siteUrl;
  let target: URL;
  try {
    target = new URL(requested);
  } catch {
    return siteUrl;
  }
  const site = new URL(siteUrl);
  if (target.origin === site.origin) return requested;
  const bare = `${target.origin}${target.pathname}${target.search}`;
  return allowed.some(
    (pattern) => globToRegExp(pattern).test(requested) || globToRegExp(pattern).test(bare),
  )
    ? requested
    : siteUrl;
}
