/** A complete, valid submission as the enhanced form sends it. */
export function validIdea(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Digitala nycklar i hemtjänsten",
    problem: "Personalen lägger mycket tid på att hämta och lämna nycklar.",
    proposal: "Lås som öppnas med mobilen, så att nyckelknipporna försvinner.",
    beneficiaries: ["brukare_patienter", "medarbetare"],
    expected_effects: "Mer tid hos brukarna.",
    area_id: "vard-och-omsorg",
    tried: "nej",
    municipality_code: "1496",
    workplace: "Hemtjänsten Norr",
    bearer_name: "Anna Andersson",
    bearer_email: `anna.${crypto.randomUUID().slice(0, 8)}@skovde.se`,
    privacy_notice_read: true,
    contact_consent: true,
    publish_consent: false,
    ...overrides,
  };
}
