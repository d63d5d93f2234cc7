// zod/mini, like the other schemas the browser may run too (the idea page's forms check with them
// before they send).
import * as z from "zod/mini";
import { referenceSchema } from "../idea/format-schemas.ts";
import { findPersonnummer } from "../idea/personnummer.ts";
import { ideaStates } from "../idea/states.ts";
import { removeControlCharacters } from "../text.ts";
import { reviewFieldMessage } from "./messages.ts";

/**
 * The bodies of the reviewer workspace's actions on one idea (`/api/review/ideas/:reference/…`),
 * checked before the database is asked. The database checks everything again and is the authority
 * (decision 0003); these give the same Swedish messages sooner, naming the field. Every message is
 * the review catalogue's text for the field and rule (src/domain/review/messages.ts), so a refusal
 * reads the same whether the schema or the database found it.
 */

const say = (field: string, rule: string, scope?: string) => ({
  error: reviewFieldMessage(field, rule, "sv", scope),
});

/** "missing" when the field is absent, else the rule given (a value of the wrong kind). */
const sayUnlessMissing = (field: string, rule: string) => ({
  error: (issue: { input?: unknown }) =>
    reviewFieldMessage(field, issue.input === undefined || issue.input === null ? "missing" : rule),
});

/** A field the body may not have (a typo such as `to_state` for `to`), named. */
const strict = {
  error: (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === "unrecognized_keys"
      ? `Fältet ${(issue.keys ?? []).join(", ")} hör inte hit. Ladda om sidan och försök igen.`
      : undefined,
};

const withoutControlCharacters = z.overwrite(removeControlCharacters);

/** A required text: control characters removed, trimmed, NFC, not empty, at most `max` characters. */
function requiredText(max: number, field: string, scope?: string) {
  return z
    .string(say(field, "missing", scope))
    .check(
      withoutControlCharacters,
      z.trim(),
      z.normalize("NFC"),
      z.minLength(1, say(field, "missing", scope)),
      z.maxLength(max, say(field, "too_long", scope)),
    );
}

/** An optional text: as {@link requiredText}; null, absent and empty all mean "none". */
function optionalText(max: number, field: string, scope?: string) {
  return z.pipe(
    z.nullish(
      z
        .string(say(field, "too_long", scope))
        .check(
          withoutControlCharacters,
          z.trim(),
          z.normalize("NFC"),
          z.maxLength(max, say(field, "too_long", scope)),
        ),
    ),
    z.transform((value: string | null | undefined) => (value ? value : undefined)),
  );
}

/** A reviewer's recommendation, as the database stores it. */
export const recommendationValues = ["vidare", "vilande", "avsla", "vidareformedla"] as const;
/** One of the recommendations. */
export type Recommendation = (typeof recommendationValues)[number];
/** What the workspace calls each recommendation (SPEC "Assessment"). */
export const recommendationLabels: Readonly<Record<Recommendation, string>> = {
  vidare: "Vidare",
  vilande: "Vilande",
  avsla: "Avslå",
  vidareformedla: "Vidareförmedla",
};

/** A criterion's slug, as `GET /api/review/criteria` gives it (`nytta`). */
const criterionSlugSchema = z
  .string(say("scores", "invalid"))
  .check(z.regex(/^[a-z0-9-]{1,100}$/, say("scores", "invalid")));

/**
 * `PUT /api/review/ideas/:reference/assessment`: the caller's whole assessment – a score from 1 to 5
 * and a comment on every criterion in force, a recommendation and an optional overall comment.
 * Which criteria are in force is data; the database refuses unknown and missing ones.
 */
export const assessmentBodySchema = z.strictObject(
  {
    /** One entry per criterion: its slug, a whole score 1–5 and a comment (≤ 4000 characters). */
    scores: z
      .array(
        z.strictObject(
          {
            criterion: criterionSlugSchema,
            score: z
              .int(sayUnlessMissing("scores.*.score", "out_of_range"))
              .check(
                z.gte(1, say("scores.*.score", "out_of_range")),
                z.lte(5, say("scores.*.score", "out_of_range")),
              ),
            comment: requiredText(4000, "scores.*.comment"),
          },
          strict,
        ),
        say("scores", "missing"),
      )
      .check(
        z.minLength(1, say("scores", "missing")),
        z.maxLength(50, say("scores", "invalid")),
        z.refine(
          (scores) => new Set(scores.map((entry) => entry.criterion)).size === scores.length,
          say("scores", "duplicate_criterion"),
        ),
      ),
    /** vidare, vilande, avsla or vidareformedla. */
    recommendation: z.enum(
      recommendationValues,
      sayUnlessMissing("recommendation", "unknown_value"),
    ),
    /** The overall comment (optional, ≤ 4000 characters). */
    comment: optionalText(4000, "comment"),
  },
  strict,
);
/** An assessment, parsed. */
export type AssessmentBody = z.infer<typeof assessmentBodySchema>;

/**
 * `POST /api/review/ideas/:reference/conflict-of-interest`: the answer to "do you have jäv?". Yes
 * needs the reason (≤ 1000 characters); no takes none.
 */
export const conflictOfInterestBodySchema = z
  .strictObject(
    {
      /** true: I have jäv; false: I have none. */
      has_conflict: z.boolean(say("has_conflict", "missing")),
      /** Why – required with true, ignored with false. */
      reason: optionalText(1000, "reason", "conflict_of_interest"),
    },
    strict,
  )
  .check(
    z.refine((body) => !body.has_conflict || Boolean(body.reason), {
      ...say("reason", "missing", "conflict_of_interest"),
      path: ["reason"],
    }),
  );
/** A jäv answer, parsed. */
export type ConflictOfInterestBody = z.infer<typeof conflictOfInterestBodySchema>;

const stateSchema = (field: string, rule: string) =>
  z.enum(ideaStates, sayUnlessMissing(field, rule));

/** A municipality's official code (kommunkod), `1496`. */
const municipalityCodeSchema = (field: string, scope?: string) =>
  z
    .string(say(field, "unknown_value", scope))
    .check(z.regex(/^[0-9]{4}$/, say(field, "unknown_value", scope)));

/**
 * `POST /api/review/ideas/:reference/state`: move the idea from the state the caller saw
 * (`expected`) to `to`, with a reason. Starting the review (received → in_review) needs no reason.
 * A decision carries `message`, the message to the bearer, released with it; a duplicate names
 * the other idea (`duplicate_of`, a reference); a forwarded idea names `forwarded_to` and
 * `follow_up_on`; implemented and spread name the implementing municipalities (`municipalities`,
 * codes). The database checks which of them each move needs.
 */
export const stateChangeBodySchema = z.strictObject(
  {
    to: stateSchema("to_state", "unknown_state"),
    expected: stateSchema("expected_state", "unknown_state"),
    reason: optionalText(2000, "reason"),
    message: optionalText(4000, "message_to_bearer"),
    duplicate_of: z.optional(z.pipe(z.string(say("duplicate_of", "invalid")), referenceSchema)),
    forwarded_to: optionalText(200, "forwarded_to"),
    follow_up_on: z.optional(z.iso.date(say("follow_up_on", "invalid"))),
    municipalities: z.optional(
      z
        .array(municipalityCodeSchema("municipalities"), say("municipalities", "unknown_value"))
        .check(z.maxLength(50, say("municipalities", "unknown_value"))),
    ),
  },
  strict,
);
/** A state change, parsed. */
export type StateChangeBody = z.infer<typeof stateChangeBodySchema>;

/** `POST /api/review/ideas/:reference/assignments`: whom to assign, and by when (YYYY-MM-DD). */
export const assignmentBodySchema = z.strictObject(
  {
    reviewer_id: z.uuid(say("reviewer_id", "missing")),
    due_on: z.iso.date(say("due_on", "missing")),
  },
  strict,
);
/** An assignment, parsed. */
export type AssignmentBody = z.infer<typeof assignmentBodySchema>;

/**
 * `POST /api/review/ideas/:reference/notes`: an internal note (≤ 4000 characters), optionally a
 * reply to another note of the idea (its `id`), mentioning up to 20 reviewers by id.
 */
export const noteBodySchema = z.strictObject(
  {
    body: requiredText(4000, "body"),
    reply_to: z.optional(
      z.nullable(z.int(say("reply_to", "invalid")).check(z.gte(1, say("reply_to", "invalid")))),
    ),
    mentions: z.optional(
      z
        .array(z.uuid(say("mentions", "not_mentionable")), say("mentions", "not_mentionable"))
        .check(z.maxLength(20, say("mentions", "too_many"))),
    ),
  },
  strict,
);
/** A note, parsed. */
export type NoteBody = z.infer<typeof noteBodySchema>;

/**
 * `POST /api/review/ideas/:reference/questions`: a question to the bearer (≤ 4000 characters) and
 * the state the caller saw (`in_review` or `needs_info`).
 */
export const questionBodySchema = z.strictObject(
  {
    question: requiredText(4000, "question"),
    expected: stateSchema("expected_state", "unknown_state"),
  },
  strict,
);
/** A question, parsed. */
export type QuestionBody = z.infer<typeof questionBodySchema>;

/**
 * `POST /api/review/ideas/:reference/unlink`: remove the duplicate link of an idea marked as a
 * duplicate (`expected: "duplicate"`) and return it to review, with a reason; `message` tells the
 * bearer, and is needed when they were told it was a duplicate.
 */
export const unlinkBodySchema = z.strictObject(
  {
    expected: stateSchema("expected_state", "unknown_state"),
    reason: requiredText(2000, "reason"),
    message: optionalText(4000, "message_to_bearer", "unlink_duplicate"),
  },
  strict,
);
/** An unlinking, parsed. */
export type UnlinkBody = z.infer<typeof unlinkBodySchema>;

/**
 * `PUT /api/review/ideas/:reference/publication`: the summary the idea bank shows (≤ 2000
 * characters). The idea bank is public, so a summary holding something that looks like a
 * personnummer is refused.
 */
export const publicationBodySchema = z.strictObject(
  {
    public_summary: requiredText(2000, "public_summary").check(
      z.refine(
        (summary) => findPersonnummer(summary).length === 0,
        say("public_summary", "personnummer"),
      ),
    ),
  },
  strict,
);
/** A publication, parsed. */
export type PublicationBody = z.infer<typeof publicationBodySchema>;

/** The kinds of a municipality's interest in an idea, as the database stores them. */
export const interestKinds = ["join", "co_fund", "implemented"] as const;
/** One of the kinds of interest. */
export type InterestKind = (typeof interestKinds)[number];
/** What the workspace calls each kind. */
export const interestKindLabels: Readonly<Record<InterestKind, string>> = {
  join: "Vill vara med",
  co_fund: "Vill medfinansiera",
  implemented: "Har infört idén",
};

/**
 * `POST` and `DELETE /api/review/ideas/:reference/interest`: register or withdraw a municipality's
 * interest of one kind. A coach acts for their own municipality and may leave `municipality` out;
 * regional staff and coordinators name it (a code).
 */
export const interestBodySchema = z.strictObject(
  {
    kind: z.enum(interestKinds, sayUnlessMissing("kind", "unknown_value")),
    municipality: z.optional(municipalityCodeSchema("municipality", "interest")),
  },
  strict,
);
/** An interest, parsed. */
export type InterestBody = z.infer<typeof interestBodySchema>;

/** `POST /api/review/ideas/:reference/sharing`: share the idea with the whole region, or stop. */
export const sharingBodySchema = z.strictObject(
  { shared: z.boolean(say("shared", "missing")) },
  strict,
);
/** A sharing choice, parsed. */
export type SharingBody = z.infer<typeof sharingBodySchema>;

/**
 * `GET /api/review/follow-ups?within_days=7`: how many days ahead the follow-up list looks, 0–365;
 * 7 when the parameter is absent or empty, null when it is no such number.
 */
export function parseWithinDays(value: string | null): number | null {
  if (value === null || value === "") return 7;
  if (!/^[0-9]{1,3}$/.test(value)) return null;
  const days = Number(value);
  return days <= 365 ? days : null;
}

/** The reference in an address (`/api/review/ideas/is-2026-0042/…`), normalised; else undefined. */
export function parseReference(value: unknown): string | undefined {
  const parsed = referenceSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The field a failed parse is about, as the database names it in its refusals: `scores.nytta.score`
 * for the score of the criterion `nytta` (the body's own entry names its criterion), else the
 * body's field (`recommendation`).
 */
export function issueField(path: readonly PropertyKey[], body: unknown): string {
  const [first, index, part] = path;
  if (first === "scores" && typeof index === "number") {
    const entries = (body as { scores?: unknown } | null)?.scores;
    const entry = Array.isArray(entries) ? (entries[index] as { criterion?: unknown }) : undefined;
    const slug = typeof entry?.criterion === "string" ? entry.criterion : undefined;
    if (slug && /^[a-z0-9-]{1,100}$/.test(slug) && (part === "score" || part === "comment"))
      return `scores.${slug}.${part}`;
    return "scores";
  }
  return typeof first === "string" ? first : "body";
}
