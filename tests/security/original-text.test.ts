import { reviewRefusalMessage } from "../../src/domain/review/messages.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";
import { submitIdea, type SubmittedIdea } from "./harness/fixtures.ts";

/*
 * A submitted idea is an allmän handling: no role may overwrite or delete its original text, and its
 * reference and time of arrival never change (LG-13, LG-14). Each attempt runs in a transaction that
 * is rolled back, as the role itself (and, for the coordinator, with the coordinator's identity).
 */

const coordinatorId = async (stack: SecurityStack) =>
  (
    await stack.db.query<{ id: string }>(
      "select id from auth.users where email = 'samordnare@example.se'",
    )
  ).rows[0]!.id;

describe("an idea's original text", () => {
  let stack: SecurityStack;
  let idea: SubmittedIdea;

  beforeAll(async () => {
    stack = await startSecurityStack();
    idea = await submitIdea(stack, "1496");
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Runs one statement as the role inside a rolled-back transaction; returns its error message. */
  async function attemptAs(role: string, sql: string, claims: Record<string, string> = {}) {
    await stack.db.query("begin");
    try {
      await stack.db.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ role, ...claims }),
      ]);
      if (role !== "postgres") await stack.db.query(`set local role ${role}`);
      await stack.db.query(sql, [idea.id]);
      return "no error";
    } catch (error) {
      return (error as Error).message;
    } finally {
      await stack.db.query("rollback");
    }
  }

  const update = "update app.idea_versions set proposal = 'Ändrad text' where idea_id = $1";
  const remove = "delete from app.idea_versions where idea_id = $1";
  // The database raises rule keys (decision 0007); the reviewer reads the catalogue's sentence.
  const refused = "original_text_immutable";

  for (const role of ["anon", "authenticated", "service_role"]) {
    it(`cannot be updated or deleted by ${role}`, async () => {
      expect(await attemptAs(role, update)).toBe("permission denied for schema app");
      expect(await attemptAs(role, remove)).toBe("permission denied for schema app");
    });
  }

  it("cannot be updated or deleted by the api's own role, even for the coordinator", async () => {
    const sub = await coordinatorId(stack);
    expect(await attemptAs("api_owner", update, { sub })).toBe(
      "permission denied for table idea_versions",
    );
    expect(await attemptAs("api_owner", remove, { sub })).toBe(
      "permission denied for table idea_versions",
    );
  });

  it("cannot be updated or deleted even by the table's owner", async () => {
    expect(await attemptAs("postgres", update)).toBe(refused);
    expect(await attemptAs("postgres", remove)).toBe(refused);
    expect(reviewRefusalMessage({ code: "IS003", rule: refused }, "sv")).toBe(
      "Originaltexten i en inkommen idé kan inte ändras eller tas bort. Spara ändringar som en ny version.",
    );
  });

  it("keeps its reference and time of arrival, and the idea cannot be deleted", async () => {
    expect(
      await attemptAs("postgres", "update app.ideas set reference = 'IS-2000-0001' where id = $1"),
    ).toBe("reference_immutable");
    expect(
      await attemptAs(
        "postgres",
        "update app.ideas set received_at = now() - interval '1 day' where id = $1",
      ),
    ).toBe("reference_immutable");
    expect(await attemptAs("postgres", "delete from app.ideas where id = $1")).toBe(
      "idea_cannot_be_deleted",
    );
    expect(reviewRefusalMessage({ code: "IS003", rule: "reference_immutable" }, "sv")).toBe(
      "Diarienumret och mottagningstiden för en idé kan inte ändras.",
    );
    expect(reviewRefusalMessage({ code: "IS003", rule: "idea_cannot_be_deleted" }, "sv")).toBe(
      "En inkommen idé kan inte tas bort. Den gallras bara enligt beslutade gallringsregler.",
    );
  });

  it("is still readable as submitted after every attempt (the allowed twin)", async () => {
    const { rows } = await stack.db.query(
      "select version, proposal from app.idea_versions where idea_id = $1",
      [idea.id],
    );
    expect(rows).toEqual([
      { version: 1, proposal: "Byt till digitala lås som öppnas med personalens telefon." },
    ]);
  });
});
