import { z } from "zod";
import type {
  IdeaPageAnswer,
  IdeaSummary,
  QueuePage,
  ReviewIdea,
  SimilarIdea,
} from "../../domain/review/answers.ts";
import { ideaStateLabels, ideaStates } from "../../domain/idea/states.ts";
import { camelCaseKeys } from "../../domain/camel-case.ts";

/**
 * The review functions' answers from the database, parsed: keys in camelCase (src/domain/camel-case.ts), each
 * state with its Swedish label. A shape the schema does not expect throws, which `defineEndpoint`
 * answers with a 500 and logs: the database and the functions are deployed together, so it is a bug.
 * Keys the schemas do not name are kept where the answer is an idea or a queue row (loose objects),
 * so what a later migration adds reaches the page without a change here.
 */

const state = z.enum(ideaStates);
const municipality = z.object({ code: z.string(), name: z.string() });
const area = z.object({ id: z.string(), name: z.string() });
const withLabel = <T extends { state: (typeof ideaStates)[number] }>(value: T) => ({
  ...value,
  stateLabel: ideaStateLabels[value.state],
});

const queueItemSchema = z
  .looseObject({
    reference: z.string(),
    title: z.string(),
    state,
    municipality,
    area,
    receivedAt: z.string(),
    stateChangedAt: z.string(),
    daysWaiting: z.number().int(),
    assignees: z.array(z.object({ name: z.string(), done: z.boolean() })),
    assessments: z.object({ done: z.number().int(), expected: z.number().int() }),
    dueOn: z.string().nullable(),
    overdue: z.boolean(),
    assignedToMe: z.boolean(),
    sharedRegionally: z.boolean(),
    mean: z.number().nullable().optional(),
  })
  .transform((item) => withLabel(item));

const queuePageSchema = z.object({
  items: z.array(queueItemSchema),
  next: z.string().nullable(),
  counts: z.array(z.object({ state, count: z.number().int() })).nullable(),
  total: z.number().int().nullable(),
  moreThan: z.number().int().nullable().optional(),
});

/** `api.list_review_queue`'s answer as `GET /api/review/ideas` gives it. */
export function toQueuePage(data: unknown): QueuePage {
  const page = queuePageSchema.parse(camelCaseKeys(data));
  return {
    ideas: page.items,
    next: page.next,
    counts:
      page.counts?.map(({ state: ideaState, count }) => ({
        state: ideaState,
        label: ideaStateLabels[ideaState],
        count,
      })) ?? null,
    total: page.total,
    moreThan: page.moreThan ?? null,
  };
}

const summarySchema = z
  .object({ reference: z.string(), title: z.string(), municipality, state, inScope: z.boolean() })
  .transform((summary): IdeaSummary => withLabel(summary));

const similarSchema = z.array(
  z
    .object({
      reference: z.string(),
      title: z.string(),
      municipality,
      state,
      inScope: z.boolean(),
      similarity: z.number(),
    })
    .transform((idea): SimilarIdea => withLabel(idea)),
);

const versionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  problem: z.string(),
  proposal: z.string(),
  beneficiaries: z.array(z.string()),
  expectedEffects: z.string(),
  tried: z.string(),
  resources: z.string(),
  workplace: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

// Loose: get_review_idea gives more than the page's own keys (the assessment's, decision 0013), and
// the endpoint passes everything on; the keys below are checked because the page reads them.
const reviewIdeaSchema = z
  .looseObject({
    reference: z.string(),
    receivedAt: z.string(),
    state,
    publicState: state,
    stateChangedAt: z.string(),
    daysWaiting: z.number().int(),
    municipality,
    area,
    sharedRegionally: z.boolean(),
    publishConsent: z.boolean(),
    publicSummary: z.string().nullable(),
    publishedAt: z.string().nullable(),
    forwardedTo: z.string().nullable(),
    followUpOn: z.string().nullable(),
    current: versionSchema,
    versions: z.array(versionSchema).min(1),
    bearerVisible: z.boolean(),
    bearer: z
      .object({
        name: z.string(),
        email: z.string(),
        phone: z.string().nullable(),
        coBearers: z.string().nullable(),
        contactConsent: z.boolean(),
      })
      .nullable(),
    timeline: z.array(
      z.object({
        occurredAt: z.string(),
        actorKind: z.enum(["bearer", "reviewer", "coordinator", "system"]),
        actorName: z.string().nullable(),
        fromState: state.nullable(),
        toState: state,
        reason: z.string().nullable(),
        visibleToBearer: z.boolean(),
        decision: z.object({ message: z.string(), releasedAt: z.string().nullable() }).nullable(),
      }),
    ),
    messages: z.array(
      z.object({
        direction: z.enum(["to_bearer", "from_bearer"]),
        authorName: z.string().nullable(),
        body: z.string(),
        createdAt: z.string(),
      }),
    ),
    assignments: z.array(
      z.looseObject({
        reviewerName: z.string(),
        dueOn: z.string(),
        doneAt: z.string().nullable(),
        overdue: z.boolean(),
        isMe: z.boolean(),
      }),
    ),
    assessments: z.object({ done: z.number().int(), expected: z.number().int() }),
    links: z.array(
      z.object({
        kind: z.enum(["duplicate_of", "related"]),
        direction: z.enum(["to", "from"]),
        createdAt: z.string(),
        idea: summarySchema,
      }),
    ),
    interest: z.array(
      z.object({
        municipality,
        kind: z.enum(["join", "co_fund", "implemented"]),
        registeredAt: z.string(),
      }),
    ),
  })
  // The database's own label ("under bedömning") is written for sentences; the page shows the
  // capitalised label the rest of the site uses.
  .transform((idea): ReviewIdea => withLabel(idea));

/** `api.get_review_idea` and `api.find_similar_ideas` together, as `GET /api/review/ideas/:reference` gives them. */
export function toIdeaPageAnswer(idea: unknown, similar: unknown): IdeaPageAnswer {
  return {
    idea: reviewIdeaSchema.parse(camelCaseKeys(idea)),
    similar: similarSchema.parse(camelCaseKeys(similar)),
  };
}
