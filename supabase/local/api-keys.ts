/**
 * The local API keys, in Supabase's new format. They are the Supabase CLI's own fixed development
 * keys (stack-facts 3.1), so `supabase start` is a drop-in replacement with the same `.env`. They are
 * public constants: they protect nothing and must never be configured for a hosted project.
 */
export const localApiKeys = {
  /** Low privilege: the `anon` role, or `authenticated` when a user's access token comes with it. */
  publishable: "sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH",
  /** Elevated: the `service_role` role, which bypasses row-level security. Server side only. */
  secret: "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz",
} as const;

/** The database role an API key stands for. */
export type KeyRole = "anon" | "service_role";

/**
 * Who a request says it is, as Supabase's API gateway decides it before PostgREST and Auth see the
 * request: either just an API key, or an API key plus a user's access token (not yet verified).
 */
export type RequestIdentity =
  { kind: "key"; role: KeyRole } | { kind: "token"; keyRole: KeyRole; token: string };

/** A refusal by the gateway, with the JSON body Supabase's gateway sends. */
export interface GatewayRefusal {
  status: 401;
  body: { message: string; hint?: string };
}

/**
 * Browsers identify themselves with a User-Agent starting "Mozilla/". Supabase refuses secret keys
 * from such requests, so a leaked secret key in a web page does not work (stack-facts 3.1).
 */
function looksLikeBrowser(headers: Headers): boolean {
  return /^Mozilla\//.test(headers.get("user-agent") ?? "");
}

/**
 * Checks the `apikey` header and the `Authorization` header as Supabase's gateway does: the key is
 * required; a new-format key in `Authorization` must equal the `apikey`; a secret key from a browser
 * is refused. Any other bearer value is passed on as a user's token for PostgREST or Auth to verify.
 */
export function identifyRequest(headers: Headers): RequestIdentity | GatewayRefusal {
  const apiKey = headers.get("apikey");
  if (!apiKey) {
    return {
      status: 401,
      body: {
        message: "No API key found in request",
        hint: "No `apikey` request header or url param was found.",
      },
    };
  }
  let role: KeyRole;
  if (apiKey === localApiKeys.publishable) role = "anon";
  else if (apiKey === localApiKeys.secret) role = "service_role";
  else
    return {
      status: 401,
      body: {
        message: "Invalid API key",
        hint: "Double check your Supabase `anon` or `service_role` API key.",
      },
    };

  if (role === "service_role" && looksLikeBrowser(headers)) {
    return { status: 401, body: { message: "Forbidden use of secret API key in browser" } };
  }

  const authorization = headers.get("authorization");
  if (!authorization) return { kind: "key", role };
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer === apiKey) return { kind: "key", role };
  if (bearer?.startsWith("sb_")) {
    return {
      status: 401,
      body: {
        message: "Invalid API key",
        hint: "An `sb_` key in the Authorization header must equal the `apikey` header.",
      },
    };
  }
  return { kind: "token", keyRole: role, token: bearer ?? "" };
}

/** Whether the value is a gateway refusal rather than an identity. */
export function isRefusal(value: RequestIdentity | GatewayRefusal): value is GatewayRefusal {
  return "status" in value;
}
