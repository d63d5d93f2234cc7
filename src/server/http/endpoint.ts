import type { Locale } from "../../domain/locale.ts";
import {
  requestErrorMessages,
  requestErrorTitles,
  type RequestErrorCode,
  type RequestErrorFacts,
} from "../../domain/request/messages.ts";
import { html } from "../../views/html.ts";
import { renderPage } from "../../views/page.ts";
import { HttpError } from "./errors.ts";
import { requireSameOrigin } from "./origin.ts";
import { readRequestBody, type BodyRules, type RequestBody } from "./request-body.ts";
import { requestLocale } from "./request-locale.ts";
import { errorResponse, htmlResponse, unavailableHeaders, wantsHtml } from "./responses.ts";
import { withSecurityHeaders } from "./security-headers.ts";
import { errorFacts, log } from "../log.ts";

/** The HTTP methods our functions answer. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The part of Netlify's function context the endpoints use (the same shape in tests). */
export interface EndpointContext {
  requestId?: string;
  params?: Record<string, string | undefined>;
  /** Keeps the function alive for work after the response (Netlify's `context.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** The client's address, as Netlify sees it. */
  ip?: string;
}

/** What a handler gets: the request, read as far as the endpoint's rules say. */
export interface EndpointInput<B> {
  request: Request;
  url: URL;
  context: EndpointContext;
  /** The language to answer in when the body says nothing else (see `requestLocale`). */
  locale: Locale;
  /** The request id for logs and for the person to quote; Netlify's own when it has one. */
  requestId: string;
  /** The body, read and checked for size, encoding and format; `undefined` without body rules. */
  body: B;
}

interface DefinitionBase {
  /** Methods the endpoint answers; every other method gets 405 with an `Allow` header. */
  methods: readonly HttpMethod[];
  /**
   * Whether state-changing requests (POST, PUT, PATCH, DELETE) must come from the site's own pages
   * (Origin and Sec-Fetch-Site, AS-08). On by default; off only for endpoints a server calls.
   */
  sameOrigin?: boolean;
}

/** An endpoint that reads a body: the body rules, and a handler that gets the body read. */
export interface EndpointWithBody extends DefinitionBase {
  body: BodyRules;
  handle: (input: EndpointInput<RequestBody>) => Promise<Response> | Response;
}

/** An endpoint without a body (GET, or a POST that carries nothing). */
export interface EndpointWithoutBody extends DefinitionBase {
  body?: undefined;
  handle: (input: EndpointInput<undefined>) => Promise<Response> | Response;
}

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wraps a function handler with what every endpoint needs, in this order, each before any work:
 * 405 for other methods (Netlify's own `config.method` would answer 404 instead); for a
 * state-changing request, the same-origin guard (403); with body rules, the content type (415),
 * the size (413), strict UTF-8 and a JSON object (400). Then the handler. Every response gets the
 * security headers; an error thrown by the handler becomes a generic 500 with a request id, never
 * an error message, SQL or a stack trace (AS-26). Errors are answered in the request's language,
 * as JSON, or as a page when a browser navigated here (a form post without JavaScript).
 */
/** A function handler as Netlify calls it (tests call it the same way, in-process). */
export type EndpointHandler = (request: Request, context?: EndpointContext) => Promise<Response>;

export function defineEndpoint(definition: EndpointWithBody): EndpointHandler;
export function defineEndpoint(definition: EndpointWithoutBody): EndpointHandler;
export function defineEndpoint(
  definition: EndpointWithBody | EndpointWithoutBody,
): EndpointHandler {
  const allowed = new Set<string>(definition.methods);
  if (allowed.has("GET")) allowed.add("HEAD");
  const allowHeader = [...allowed].join(", ");
  const guardOrigin = definition.sameOrigin ?? true;

  return async (request: Request, context: EndpointContext = {}): Promise<Response> => {
    const started = performance.now();
    const requestId = context.requestId || crypto.randomUUID();
    const locale = requestLocale(request);
    const response = await answer(request, context, requestId, locale);
    // One line per request: what was asked (the path, never the query, which may hold a search
    // text), how it ended and how long it took.
    log.info("request", {
      requestId,
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };

  async function answer(
    request: Request,
    context: EndpointContext,
    requestId: string,
    locale: Locale,
  ): Promise<Response> {
    try {
      if (!allowed.has(request.method)) {
        throw new HttpError(
          405,
          "method_not_allowed",
          { method: request.method, allowed: allowHeader },
          { Allow: allowHeader },
        );
      }
      if (guardOrigin && stateChanging.has(request.method)) requireSameOrigin(request);
      const url = new URL(request.url);
      const base = { request, url, context, locale, requestId };
      const response = definition.body
        ? await definition.handle({
            ...base,
            body: await readRequestBody(request, definition.body),
          })
        : await (definition as EndpointWithoutBody).handle({ ...base, body: undefined });
      return withSecurityHeaders(response);
    } catch (error) {
      if (error instanceof HttpError) {
        return respondWithRequestError(request, locale, error.status, error.code, {
          facts: error.facts,
          headers: error.headers,
        });
      }
      log.error("request_failed", {
        requestId,
        path: new URL(request.url).pathname,
        ...errorFacts(error),
      });
      return respondWithRequestError(request, locale, 500, "internal", { requestId });
    }
  }
}

/**
 * An error about the request as a whole, in the request's language: JSON `{ error, message,
 * requestId? }`, or, for a browser that navigated here, a page in the site's frame.
 */
export function respondWithRequestError(
  request: Request,
  locale: Locale,
  status: number,
  code: RequestErrorCode,
  options: { facts?: RequestErrorFacts; headers?: Record<string, string>; requestId?: string } = {},
): Response {
  const message = requestErrorMessages[locale][code](options.facts ?? {});
  const headers = { ...(status === 503 ? unavailableHeaders : {}), ...options.headers };
  if (!wantsHtml(request)) {
    return errorResponse(
      status,
      { error: code, message, ...(options.requestId ? { requestId: options.requestId } : {}) },
      { headers },
    );
  }
  const title = requestErrorTitles[locale][status >= 500 ? "unavailable" : "error"];
  const reference = options.requestId
    ? html`<p>${locale === "sv" ? "Felkod" : "Error code"}: <code>${options.requestId}</code></p>`
    : html``;
  return htmlResponse(
    renderPage({
      title,
      lang: locale,
      body: html`<div class="prose">
        <h1>${title}</h1>
        <p>${message}</p>
        ${reference}
      </div>`,
    }),
    { status, headers },
  );
}
