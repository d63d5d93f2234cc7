import { identifyRequest, isRefusal } from "./api-keys.ts";
import { handleAuth, type GotrueContext } from "./gotrue.ts";
import { json, type Handler } from "./http.ts";
import { handleRest } from "./postgrest.ts";

/** Auth routes Supabase's gateway serves without an API key: the e-mail link, the public keys, health. */
const openAuthRoutes = new Set(["GET /verify", "GET /.well-known/jwks.json", "GET /health"]);

/** CORS as Supabase's gateway answers it: any origin, the headers supabase-js sends. */
const corsHeaders: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "Content-Range, X-Total-Count, Link, X-Supabase-Api-Version",
};

function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(corsHeaders)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * The local API gateway (Kong on hosted Supabase): CORS, the API-key check, then PostgREST under
 * `/rest/v1` and Auth under `/auth/v1`. Every other path answers 404 as the gateway does.
 */
export function createGateway(context: GotrueContext): Handler {
  return async (request, clientIp) => {
    if (request.method === "OPTIONS") {
      return withCors(
        new Response(null, {
          status: 200,
          headers: {
            "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
            "Access-Control-Allow-Headers":
              request.headers.get("access-control-request-headers") ??
              "authorization, apikey, content-type, x-client-info, accept-profile, content-profile, prefer",
            "Access-Control-Max-Age": "3600",
          },
        }),
      );
    }
    const { pathname } = new URL(request.url);
    const service = /^\/(rest|auth)\/v1(\/.*)?$/.exec(pathname);
    if (!service) return withCors(json(404, { message: "no Route matched with those values" }));
    const path = service[2] ?? "";
    const identity = identifyRequest(request.headers);
    if (service[1] === "auth" && openAuthRoutes.has(`${request.method} ${path}`)) {
      return withCors(
        await handleAuth(request, path, isRefusal(identity) ? null : identity, clientIp, context),
      );
    }
    if (isRefusal(identity)) return withCors(json(identity.status, identity.body));
    if (service[1] === "rest") return withCors(await handleRest(request, path, identity, context));
    return withCors(await handleAuth(request, path, identity, clientIp, context));
  };
}
