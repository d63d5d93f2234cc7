import type { MunicipalityRef, SimilarIdea } from "../../../domain/review/answers.ts";
import type { DecisionIdea } from "../../../domain/review/decision-answers.ts";

/** A request one of the decisions' forms sends to `/api/review/…`. */
export interface ActionRequest {
  path: string;
  method: "POST" | "PUT" | "DELETE";
  json?: unknown;
}

/** What each part of `<idea-decisions>` gets to draw itself and act. */
export interface DecisionContext {
  idea: DecisionIdea;
  similar: readonly SimilarIdea[];
  /** Every active municipality, read when the site was built (for interest and later states). */
  municipalities: readonly MunicipalityRef[];
  /** `/api/review/ideas/IS-2026-0042` – the idea's address in the API. */
  ideaPath: string;
  /**
   * Sends the request. Accepted: the idea is loaded again and `done` (or what it says of the
   * answer) is shown at the top of the section, with focus. Refused: the form shows why, with focus
   * on its error summary; a stale state (409) offers to load the idea again.
   */
  act(
    form: HTMLFormElement,
    request: ActionRequest,
    done: string | ((answer: unknown) => string),
  ): Promise<void>;
}
