import { reviewRefusalMessage } from "../../domain/review/messages.ts";
import { issueField, parseReference } from "../../domain/review/schema.ts";
import { callDatabase, type SupabaseErrorLike } from "../http/database-error.ts";
import { defineEndpoint, type EndpointContext, type EndpointHandler } from "../http/endpoint.ts";
import { bodyFields, type RequestBody } from "../http/request-body.ts";
import { jsonResponse } from "../http/responses.ts";
import { withReviewerSession, type ReviewerSession } from "../session/reviewer-session.ts";
import {
  invalidBodyResponse,
  refusalResponse,
  type RefusalOptions,
} from "../http/refusal-response.ts";

/** What a schema's parse gives; zod and zod/mini both fit. */
interface BodySchema<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

/** What an action on one idea gets: the reviewer's session, the idea's reference and the body. */
export interface IdeaActionInput<T> {
  session: ReviewerSession;
  /** The reference from the address, upper-case (`IS-2026-0042`). */
  reference: string;
  /** The body, parsed by the action's schema (`undefined` without one). */
  body: T;
  /** The address's other parameters (`:reviewer`), unchecked. */
  params: Readonly<Record<string, string | undefined>>;
}

/** The `.rpc()` call an action makes. */
type DatabaseCall = PromiseLike<{ data: unknown; error: SupabaseErrorLike | null; status: number }>;

/**
 * One action of the workspace on one idea, `/api/review/ideas/:reference/…`, in the order every such
 * endpoint needs: `defineEndpoint`'s guards (405, same origin, JSON only, size), the reviewer's
 * session (401 before anything about the idea is said), the reference from the address (404 when it
 * is no reference), the body through the action's schema (422 naming the field), then the one `api`
 * function, whose refusals go through {@link refusalResponse}. Its answer is passed on as JSON.
 */
export function defineIdeaAction<T = undefined>(action: {
  method: "POST" | "PUT" | "DELETE";
  /** The `api` function, for logs. */
  fn: string;
  /** The body's schema; without one the request carries no body (DELETE). */
  schema?: BodySchema<T>;
  /** Largest body accepted, in bytes (413 above). */
  maxBytes?: number;
  refusal?: Omit<RefusalOptions, "fn">;
  call: (input: IdeaActionInput<T>) => DatabaseCall;
  /**
   * Work to start once the function has succeeded, after the answer (with `context.waitUntil`):
   * a publication asks for the idea bank's build.
   */
  afterSuccess?: (context: EndpointContext) => void;
}): EndpointHandler {
  const refusal = { ...action.refusal, fn: action.fn };
  const run = async (session: ReviewerSession, context: EndpointContext, raw: unknown) => {
    const params = context.params ?? {};
    const reference = parseReference(params.reference);
    if (!reference) {
      return jsonResponse(
        {
          error: "not_found",
          rule: "not_found",
          message: reviewRefusalMessage({ code: "PT404", rule: "not_found" }, "sv"),
        },
        { status: 404 },
      );
    }
    let body = undefined as T;
    if (action.schema) {
      const parsed = action.schema.safeParse(raw);
      if (!parsed.success) {
        return invalidBodyResponse(
          parsed.error.issues.map((issue) => ({
            field: issueField(issue.path, raw),
            message: issue.message,
          })),
        );
      }
      body = parsed.data;
    }
    const result = await callDatabase(action.call({ session, reference, body, params }));
    if (!result.ok) return refusalResponse(result.failure, refusal);
    action.afterSuccess?.(context);
    return jsonResponse(result.data);
  };

  if (!action.schema) {
    return defineEndpoint({
      methods: [action.method],
      handle: withReviewerSession<undefined>(({ session, context }) =>
        run(session, context, undefined),
      ),
    });
  }
  return defineEndpoint({
    methods: [action.method],
    body: { formats: ["json"], maxBytes: action.maxBytes ?? 32 * 1024 },
    handle: withReviewerSession<RequestBody>(({ session, context, body }) =>
      run(session, context, bodyFields(body)),
    ),
  });
}

/**
 * Several actions on one address, one per method (`PUT` publishes, `DELETE` unpublishes): each
 * request goes to its method's action; any other method gets 405 with an `Allow` header naming
 * them all, before any work.
 */
export function defineIdeaActions(
  actions: Partial<Record<"POST" | "PUT" | "DELETE", EndpointHandler>>,
): EndpointHandler {
  const methods = Object.keys(actions) as ("POST" | "PUT" | "DELETE")[];
  const otherMethods = defineEndpoint({
    methods,
    // Never reached: defineEndpoint answers other methods with 405, and these go to their action.
    handle: () => jsonResponse({ error: "method_not_allowed" }, { status: 405 }),
  });
  return (request, context) =>
    (actions[request.method as "POST" | "PUT" | "DELETE"] ?? otherMethods)(request, context);
}
