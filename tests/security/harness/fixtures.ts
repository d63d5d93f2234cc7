import { randomUUID } from "node:crypto";
import type { SecurityStack } from "./stack.ts";

/** A complete, valid submission for the given municipality; the e-mail is unique per call. */
export function aSubmission(
  municipalityCode: "1496" | "1494",
  overrides: Record<string, unknown> = {},
) {
  const domain = municipalityCode === "1496" ? "skovde.se" : "lidkoping.se";
  return {
    title: "Digitala lås i korttidsboendet",
    problem: "Personalen letar nycklar flera gånger per pass.",
    proposal: "Byt till digitala lås som öppnas med personalens telefon.",
    expected_effects: "Mer tid för de boende.",
    beneficiaries: ["brukare_patienter", "medarbetare"],
    area_id: "vard-och-omsorg",
    tried: "nej",
    resources: "Låsen och en dags utbildning.",
    municipality_code: municipalityCode,
    workplace: "Korttidsboendet",
    bearer_name: "Test Testsson",
    bearer_email: `test.${randomUUID().slice(0, 8)}@${domain}`,
    privacy_notice_read: true,
    contact_consent: true,
    publish_consent: false,
    ...overrides,
  };
}

/** A submitted idea as its bearer knows it (reference, status token) plus its row id. */
export interface SubmittedIdea {
  id: string;
  reference: string;
  token: string;
  email: string;
}

/** Submits an idea as anon through the api, as the submit function will. */
export async function submitIdea(
  stack: SecurityStack,
  municipalityCode: "1496" | "1494",
  overrides: Record<string, unknown> = {},
): Promise<SubmittedIdea> {
  const submission = aSubmission(municipalityCode, overrides);
  const { data, error } = await stack.call("anon", "submit_idea", {
    idempotency_key: randomUUID(),
    submission,
  });
  if (error) throw new Error(`submit_idea: ${error.code} ${error.message}`);
  const { reference, status_token } = data as { reference: string; status_token: string };
  const { rows } = await stack.db.query<{ id: string }>(
    "select id from app.ideas where reference = $1",
    [reference],
  );
  return { id: rows[0]!.id, reference, token: status_token, email: submission.bearer_email };
}

/** Moves an idea along the given states as the coordinator (a decision gets a message). */
export async function moveIdea(stack: SecurityStack, idea: SubmittedIdea, path: string[]) {
  let current = "received";
  for (const next of path) {
    const { error } = await stack.call("coordinator", "change_idea_state", {
      idea_id: idea.id,
      expected_state: current,
      to_state: next,
      reason: `Testet flyttar idén till ${next}.`,
      message_to_bearer: "Tack för din idé! Den går vidare till utveckling.",
    });
    if (error) throw new Error(`change_idea_state ${current} → ${next}: ${error.message}`);
    current = next;
  }
}
