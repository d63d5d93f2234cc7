import { errorResponse } from "./responses.ts";
import { withSecurityHeaders } from "./security-headers.ts";

/** The HTTP methods our functions answer. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The part of Netlify's function context the endpoints use. */
export interface EndpointContext {
  requestId?: string;
}

export interface EndpointDefinition<C extends EndpointContext> {
  /** Methods the endpoint answers; every other method gets 405 with an `Allow` header. */
  methods: readonly HttpMethod[];
  handle: (request: Request, context: C) => Promise<Response> | Response;
}

/**
 * Wraps a function handler with what every endpoint needs: 405 for other methods (Netlify's own
 * `config.method` would answer 404 instead), the security headers on every response, and a generic
 * Swedish 500 with a request id instead of an error message, SQL or a stack trace (AS-26).
 */
export function defineEndpoint<C extends EndpointContext>(definition: EndpointDefinition<C>) {
  const allowed = new Set<string>(definition.methods);
  if (allowed.has("GET")) allowed.add("HEAD");
  const allowHeader = [...allowed].join(", ");

  return async (request: Request, context: C): Promise<Response> => {
    if (!allowed.has(request.method)) {
      return errorResponse(
        405,
        {
          error: "method_not_allowed",
          message: `Metoden ${request.method} stöds inte här. Använd ${allowHeader}.`,
        },
        { headers: { Allow: allowHeader } },
      );
    }
    try {
      return withSecurityHeaders(await definition.handle(request, context));
    } catch (error) {
      const requestId = context.requestId ?? crypto.randomUUID();
      console.error(
        JSON.stringify({
          level: "error",
          requestId,
          path: new URL(request.url).pathname,
          error: describe(error),
        }),
      );
      return errorResponse(500, {
        error: "internal",
        message: "Något gick fel hos oss. Försök igen om en stund.",
        requestId,
      });
    }
  };
}

/** The error's class and message for the log; never personal data from the request. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
