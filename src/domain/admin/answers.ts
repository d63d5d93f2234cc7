import { z } from "zod";
import { camelCaseKeys } from "../camel-case.ts";

/**
 * What the operations endpoints answer. The database answers in snake_case; each schema renames the
 * keys to camelCase first (as every JSON answer of the site's API is written) and then checks the
 * shape, so the functions never pass on something the pages do not expect. The pages import the
 * types only.
 */

const municipality = z.object({ code: z.string(), name: z.string() });
const timestamp = z.string();
const nullableText = z.string().nullable();

/** Findings about one e-mail address: `api.find_personal_data`. */
export const personalDataFindingsSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    email: z.string(),
    generatedAt: timestamp,
    /** The coordinator's municipality when their scope is one; null = every municipality. */
    scope: municipality.nullable(),
    /** The names recorded with the address's ideas (and reviewer account), searched for in notes. */
    names: z.array(z.string()),
    ideas: z.array(
      z.object({
        reference: z.string(),
        title: z.string(),
        receivedAt: timestamp,
        state: z.string(),
        stateLabel: z.string(),
        municipality,
        published: z.boolean(),
        bearer: z.object({
          name: z.string(),
          email: z.string(),
          phone: nullableText,
          coBearers: nullableText,
          locale: z.string(),
          privacyNoticeReadAt: timestamp,
          restrictedAt: timestamp.nullable(),
        }),
        consents: z.object({ contact: z.boolean(), publish: z.boolean() }),
        /** Version 1: the text as the person sent it. */
        original: z
          .object({
            title: z.string(),
            problem: z.string(),
            proposal: z.string(),
            expectedEffects: z.string(),
            resources: z.string(),
            workplace: nullableText,
            gallradAt: timestamp.nullable(),
          })
          .nullable(),
        messages: z.array(
          z.object({
            direction: z.enum(["to_bearer", "from_bearer"]),
            body: z.string(),
            createdAt: timestamp,
          }),
        ),
        emails: z.array(
          z.object({
            template: z.string(),
            status: z.string(),
            createdAt: timestamp,
            sentAt: timestamp.nullable(),
          }),
        ),
      }),
    ),
    /** Other ideas whose co-bearers name the person: possible matches. */
    coBearerOn: z.array(
      z.object({
        reference: z.string(),
        title: z.string(),
        coBearers: z.string(),
        matchedName: z.string(),
        possibleMatch: z.literal(true),
      }),
    ),
    /** Internal notes that mention the person's name: possible matches. */
    noteMentions: z.array(
      z.object({
        reference: z.string(),
        createdAt: timestamp,
        body: z.string(),
        matchedName: z.string(),
        possibleMatch: z.literal(true),
      }),
    ),
    /** E-mails to the address not about their own ideas. */
    otherEmails: z.array(
      z.object({
        template: z.string(),
        status: z.string(),
        createdAt: timestamp,
        sentAt: timestamp.nullable(),
        reference: nullableText,
      }),
    ),
    /** The person's reviewer account, if they have one. */
    reviewer: z
      .object({
        name: z.string(),
        role: z.string(),
        active: z.boolean(),
        createdAt: timestamp,
        municipality: municipality.nullable(),
        activity: z.object({
          events: z.number(),
          notes: z.number(),
          mentionedInNotes: z.number(),
          messages: z.number(),
          scores: z.number(),
          assignments: z.number(),
        }),
      })
      .nullable(),
    decisions: z.array(
      z.object({
        id: z.number(),
        decision: z.enum(["erasure", "restriction"]),
        reason: z.string(),
        decidedAt: timestamp,
        decidedBy: nullableText,
        carriedOutAt: timestamp.nullable(),
        ideas: z.array(z.string()),
      }),
    ),
    auditEvents: z.array(
      z.object({
        occurredAt: timestamp,
        action: z.string(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
);

/** Findings about one e-mail address. */
export type PersonalDataFindings = z.infer<typeof personalDataFindingsSchema>;

/** A recorded decision: `api.record_personal_data_decision`. */
export const recordedDecisionSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    id: z.number(),
    decision: z.enum(["erasure", "restriction"]),
    ideas: z.array(z.string()),
    carriedOutAt: timestamp.nullable(),
  }),
);

/** A recorded decision. */
export type RecordedDecision = z.infer<typeof recordedDecisionSchema>;

/** The e-mails the sender gave up on: `api.list_dead_emails`. */
export const deadEmailsSchema = z.preprocess(
  camelCaseKeys,
  z.array(
    z.object({
      id: z.number(),
      /** Masked: a***@skovde.se. */
      recipient: z.string(),
      template: z.string(),
      reference: nullableText,
      attempts: z.number(),
      /** As the sender stored it, addresses masked. */
      lastError: nullableText,
      createdAt: timestamp,
    }),
  ),
);

/** One dead e-mail. */
export type DeadEmail = z.infer<typeof deadEmailsSchema>[number];

/** A dead e-mail put back: `api.retry_dead_email`. */
export const retriedEmailSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    id: z.number(),
    status: z.literal("pending"),
    template: z.string(),
    reference: nullableText,
  }),
);

/** The retention rules: `api.list_retention_rules`. */
export const retentionRulesSchema = z.preprocess(
  camelCaseKeys,
  z.array(
    z.object({
      category: z.string(),
      /** ISO 8601, e.g. P2Y. */
      keepFor: z.string(),
      after: z.string(),
      legalBasis: z.string(),
      active: z.boolean(),
      changedAt: timestamp,
      changedBy: nullableText,
    }),
  ),
);

/** One retention rule. */
export type RetentionRule = z.infer<typeof retentionRulesSchema>[number];

/** What the next gallring run removes: `api.preview_gallring`. */
export const gallringPreviewSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    asOf: timestamp,
    categories: z.array(
      z.object({
        category: z.string(),
        active: z.boolean(),
        keepFor: z.string(),
        after: z.string(),
        rows: z.number(),
        ideas: z.array(z.string()),
        onRequest: z.number(),
      }),
    ),
  }),
);

/** What the next gallring run removes. */
export type GallringPreview = z.infer<typeof gallringPreviewSchema>;

/**
 * A gallring run's report: `api.run_gallring`, as the job logs it. Kept in the database's
 * snake_case: its totals are keyed by category (`bearer_contact`), which are names, not fields.
 */
export const gallringReportSchema = z.object({
  as_of: timestamp,
  dry_run: z.boolean(),
  items: z.array(
    z.object({
      category: z.string(),
      idea_reference: nullableText,
      rows: z.number(),
      rule: z.record(z.string(), z.unknown()),
    }),
  ),
  totals: z.record(z.string(), z.number()),
  erasures_carried_out: z.number(),
});

/** A gallring run's report. */
export type GallringReport = z.infer<typeof gallringReportSchema>;

/** The weekly digest's queueing: `api.queue_weekly_digest`. */
export const queuedDigestSchema = z.object({
  week: z.string(),
  queued: z.number(),
  skipped: z.number(),
});

/** One reviewer account on the reviewers page: `api.list_reviewers`, `invite_reviewer`, `update_reviewer`. */
export const reviewerAccountSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    userId: z.string(),
    name: z.string(),
    /** Null only if the Auth account is gone. */
    email: z.string().nullable(),
    role: z.enum(["reviewer", "coordinator"]),
    /** Null = regional: every municipality. */
    municipality: municipality.nullable(),
    active: z.boolean(),
    /** Whether they have ever signed in (an invited person who has not yet is false). */
    signedIn: z.boolean(),
    createdAt: timestamp,
  }),
);

/** A reviewer account. */
export type ReviewerAccount = z.infer<typeof reviewerAccountSchema>;

/** `api.list_reviewers`. */
export const reviewerAccountsSchema = z.array(reviewerAccountSchema);

/** One version of a criterion. */
const criterionVersion = z.object({
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  levels: z.array(z.string()).length(5),
  weight: z.number(),
  validFrom: timestamp,
  /** How many scores were given against this version. */
  scores: z.number().int(),
});

/** `api.list_criteria_versions`: every criterion with its versions, newest first. */
export const criteriaVersionsSchema = z.preprocess(
  camelCaseKeys,
  z.array(
    z.object({
      slug: z.string(),
      active: z.boolean(),
      versions: z.array(criterionVersion).min(1),
    }),
  ),
);

/** A criterion with its versions. */
export type CriterionWithVersions = z.infer<typeof criteriaVersionsSchema>[number];

/** `api.revise_criterion`: the new version. */
export const revisedCriterionSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    slug: z.string(),
    version: z.number().int(),
    name: z.string(),
    description: z.string(),
    levels: z.array(z.string()).length(5),
    weight: z.number(),
  }),
);

const municipalityRow = z.object({
  code: z.string(),
  name: z.string(),
  emailDomains: z.array(z.string()),
  active: z.boolean(),
});
const areaRow = z.object({
  id: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});

/** `api.list_places`: every municipality and area, inactive ones too. */
export const placesSchema = z.preprocess(
  camelCaseKeys,
  z.object({ municipalities: z.array(municipalityRow), areas: z.array(areaRow) }),
);

/** Municipalities and areas. */
export type Places = z.infer<typeof placesSchema>;

/** `api.save_municipality`. */
export const savedMunicipalitySchema = z.preprocess(
  camelCaseKeys,
  municipalityRow.extend({ created: z.boolean() }),
);

/** `api.save_area`. */
export const savedAreaSchema = z.preprocess(
  camelCaseKeys,
  areaRow.extend({ created: z.boolean() }),
);

/** One page of the audit trail, newest first: `api.list_audit_events`. */
export const auditPageSchema = z.preprocess(
  camelCaseKeys,
  z.object({
    items: z.array(
      z.object({
        id: z.number(),
        occurredAt: timestamp,
        /** reviewer, coordinator, or system (a scheduled job). */
        actorKind: z.string(),
        /** The person's name as the reviewer list has it; null for system or a removed account. */
        actorName: nullableText,
        /** A stable key: ideas_export, gallring, personal_data_search … */
        action: z.string(),
        category: nullableText,
        ideaReference: nullableText,
        rule: z.record(z.string(), z.unknown()).nullable(),
        /** Facts about the action (counts, format, filters); never content or an address. */
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    /** The `before` of the next (older) page; null on the last. */
    next: z.number().nullable(),
  }),
);

/** One page of the audit trail. */
export type AuditPage = z.infer<typeof auditPageSchema>;
/** One audit event. */
export type AuditEvent = AuditPage["items"][number];
