import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionStates, ideaStateLabels, ideaStates } from "../../src/domain/idea/states.ts";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";

/*
 * Catalog checks: facts about the schema that must hold for every table and function, including the
 * ones added after this test was written (SB-01, SB-03, SB-04, SB-05, AZ-01).
 */

/** The functions anon may execute, and why: see docs/data-model.md, "What anon may execute". */
const anonAllowList = [
  "api.find_similar_published_ideas(text,text)",
  "api.get_idea_status(text)",
  "api.get_public_statistics()",
  "api.list_form_options()",
  "api.list_published_ideas(timestamp with time zone,text,integer)",
  "api.reply_as_bearer(text,text)",
  "api.submit_idea(uuid,jsonb)",
  "api.whoami()",
];

describe("the database catalog", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const rowsOf = async (sql: string) => (await stack.db.query(sql)).rows;

  it("has row-level security on every table in app and private", async () => {
    const tables = await rowsOf(`
      select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('app', 'private') and c.relkind in ('r', 'p')
      order by 1`);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((table) => !table.rls)).toEqual([]);
  });

  it("keeps every table out of the api schema", async () => {
    expect(
      await rowsOf(`
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'api' and c.relkind in ('r', 'p', 'v', 'm', 'f')`),
    ).toEqual([]);
  });

  it("gives anon and authenticated no privilege on any table, view or sequence", async () => {
    expect(
      await rowsOf(`
        select r.rolname as role, n.nspname || '.' || c.relname as object, p.privilege
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        cross join (values ('anon'), ('authenticated')) r(rolname)
        cross join (values ('select'), ('insert'), ('update'), ('delete'), ('truncate'), ('references'),
          ('trigger')) p(privilege)
        where c.relkind in ('r', 'p', 'v', 'm', 'f')
          and n.nspname not in ('pg_catalog', 'information_schema')
          and has_table_privilege(r.rolname, c.oid, p.privilege)
        union all
        select r.rolname, n.nspname || '.' || c.relname, 'usage'
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        cross join (values ('anon'), ('authenticated')) r(rolname)
        where c.relkind = 'S' and n.nspname not in ('pg_catalog', 'information_schema')
          and has_sequence_privilege(r.rolname, c.oid, 'usage')
        order by 1, 2, 3`),
    ).toEqual([]);
  });

  it("lets anon execute exactly the documented allow-list in app, private and api", async () => {
    const executable = await rowsOf(`
      select p.oid::regprocedure::text as signature
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('api', 'app', 'private') and has_function_privilege('anon', p.oid, 'execute')
      order by 1`);
    expect(executable.map((row) => row.signature)).toEqual(anonAllowList);
  });

  it("lets authenticated execute nothing in app and private", async () => {
    expect(
      await rowsOf(`
        select p.oid::regprocedure::text as signature
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('app', 'private') and has_function_privilege('authenticated', p.oid, 'execute')`),
    ).toEqual([]);
  });

  it("pins search_path to '' on every security-definer function in our schemas", async () => {
    const definers = await rowsOf(`
      select p.oid::regprocedure::text as signature, p.proconfig as config
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname in ('api', 'app', 'private', 'public')
      order by 1`);
    expect(definers.length).toBeGreaterThan(5);
    expect(definers.filter((fn) => !(fn.config ?? []).includes('search_path=""'))).toEqual([]);
  });

  it("runs every security-definer api function as api_owner, which cannot bypass row-level security", async () => {
    const owners = await rowsOf(`
      select p.oid::regprocedure::text as signature, pg_get_userbyid(p.proowner) as owner
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'api' and p.prosecdef
      order by 1`);
    expect(owners.filter((fn) => fn.owner !== "api_owner")).toEqual([]);
    expect(
      await rowsOf(
        `select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'api_owner'`,
      ),
    ).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
  });

  it("names every policy for a role, never for public", async () => {
    expect(
      await rowsOf(`
        select schemaname, tablename, policyname from pg_policies
        where schemaname in ('app', 'private') and roles = '{public}'`),
    ).toEqual([]);
  });

  it("has exactly the reviewed policies, each for one operation (AZ-06)", async () => {
    const policies = await rowsOf(`
      select tablename || ': ' || lower(cmd) || ' – ' || policyname as policy from pg_policies
      where schemaname in ('app', 'private') order by tablename, cmd, policyname`);
    expect(policies.map((row) => row.policy)).toEqual([
      "areas: insert – coordinators add areas",
      "areas: select – the api reads every area",
      "areas: update – coordinators change areas",
      "assignments: delete – coordinators unassign in scope; jäv takes a reviewer off",
      "assignments: insert – coordinators assign reviewers who have the idea in scope",
      "assignments: select – reviewers in scope read the assignments",
      "assignments: update – coordinators reschedule in scope; reviewers finish their own",
      "audit_events: select – coordinators read the audit trail",
      "build_requests: select – the build hook caller reads the build requests",
      "build_requests: update – the build hook caller claims and completes build requests",
      "conflicts_of_interest: insert – reviewers answer the jäv question for ideas in their scope",
      "conflicts_of_interest: select – coordinators read jäv answers in scope; reviewers their own",
      "conflicts_of_interest: update – reviewers turn their own no into a declared jäv",
      "criteria: select – active reviewers read the criteria",
      "criteria_versions: insert – coordinators add criteria versions",
      "criteria_versions: select – active reviewers read the criteria versions",
      "decision_messages: insert – coordinators write decision messages",
      "decision_messages: select – decisions are read in scope, or by the token holder once out",
      "decision_messages: update – coordinators release decision messages",
      "decision_templates: select – active reviewers read the decision templates",
      "email_outbox: insert – e-mails are queued in scope, as the digest or an invitation",
      "email_outbox: select – the outbox sender reads the outbox, coordinators dead e-mails",
      "email_outbox: update – the outbox sender records what it sent",
      "idea_bearers: insert – the submission records the bearer",
      "idea_bearers: select – regional staff and the idea's own coach read the bearer",
      "idea_events: insert – events are added by the submission, in scope or by token holder",
      "idea_events: select – the timeline is read in scope or by the token holder",
      "idea_links: insert – coordinators link ideas they can see",
      "idea_links: select – reviewers in scope read the links",
      "idea_links: update – coordinators remove links of ideas they can see",
      "idea_states: select – the api reads every lifecycle state",
      "idea_transitions: select – the api reads every lifecycle transition",
      "idea_versions: insert – the submission adds the original; reviewers add versions",
      "idea_versions: select – versions are read in scope or by the token holder",
      "ideas: insert – a submission creates an idea in state received",
      "ideas: select – ideas are read in scope, by their token holder or if published",
      "ideas: update – ideas are changed in scope or by their token holder",
      "idempotency_keys: insert – a submission claims its idempotency key before the idea exists",
      "idempotency_keys: select – submissions look up idempotency keys",
      "idempotency_keys: update – a submission links its idempotency key to the idea it received",
      "internal_notes: insert – reviewers write internal notes on ideas in their scope",
      "internal_notes: select – reviewers in scope read the internal notes",
      "messages: insert – reviewers write to the bearer; the token holder answers",
      "messages: select – messages are read in scope or by the token holder",
      "municipalities: insert – coordinators add municipalities",
      "municipalities: select – the api reads every municipality",
      "municipalities: update – coordinators change municipalities",
      "municipality_interest: delete – reviewers withdraw interest of a municipality they act for",
      "municipality_interest: insert – reviewers register interest for a municipality they act for",
      "municipality_interest: select – interest is read in scope, or by anyone once published",
      "note_mentions: insert – authors mention reviewers who have the idea in scope",
      "note_mentions: select – reviewers read the mentions of notes they can read",
      "recommendation_history: insert – reviewers record the history of their own recommendation",
      "recommendation_history: select – reviewers read the history of their own recommendation",
      "recommendations: insert – reviewers without jäv recommend on ideas in review in scope",
      "recommendations: select – reviewers read their own recommendation, others' after theirs",
      "recommendations: update – reviewers without jäv amend their recommendation until decided",
      "reference_counters: insert – submissions start the reference counter of the current year",
      "reference_counters: select – submissions read the reference counter of the current year",
      "reference_counters: update – submissions advance the reference counter of the current year",
      "retention_rules: select – coordinators read the retention rules",
      "retention_rules: update – coordinators change the retention rules",
      "reviewer_sessions: insert – reviewers record the activity of their own session",
      "reviewer_sessions: select – reviewers read the activity of their own session",
      "reviewer_sessions: update – reviewers update the activity of their own session",
      "reviewers: insert – coordinators add reviewers",
      "reviewers: select – active reviewers read the reviewer list",
      "reviewers: update – coordinators change reviewers",
      "score_history: insert – reviewers record the history of their own scores",
      "score_history: select – reviewers read the history of their own scores",
      "scores: insert – reviewers without jäv score ideas in review in their scope",
      "scores: select – reviewers read their own scores, others' after theirs",
      "scores: update – reviewers without jäv amend their scores until the decision",
      "sign_in_attempts: delete – the sign-in function forgets attempts",
      "sign_in_attempts: insert – the sign-in function records attempts",
      "sign_in_attempts: select – the sign-in function reads the attempts",
      "status_tokens: insert – the submission creates the status token",
      "status_tokens: select – the status token holder reads their token",
      "throttles: insert – submissions start the submission throttle",
      "throttles: select – submissions read the submission throttle",
      "throttles: update – submissions count in the submission throttle",
    ]);
  });

  it("grants api_owner exactly the reviewed table privileges (SB-14)", async () => {
    const grants = await rowsOf(`
      select table_name || ': ' || string_agg(lower(privilege_type), ', ' order by privilege_type) as grant
      from information_schema.role_table_grants where grantee = 'api_owner'
      group by table_name order by table_name`);
    expect(grants.map((row) => row.grant)).toEqual([
      // Plus insert of id, name, sort_order, active and update of name, sort_order, active (column
      // grants, issue 15).
      "areas: select",
      // Plus update of due_on and done_at only (column grants, like the outbox's below).
      "assignments: delete, insert, select",
      "audit_events: select",
      // Plus update of the claim's columns (claim_id, claimed_until, built_at) only.
      "build_requests: select",
      // Plus update of has_conflict, reason and declared_at only.
      "conflicts_of_interest: insert, select",
      "criteria: select",
      // Plus insert of a new version's columns (column grant): versions are never updated.
      "criteria_versions: select",
      "decision_messages: insert, select, update",
      "decision_templates: select",
      // Plus update of the sender's columns only (status, attempts, send_after, sent_at,
      // last_error, payload, locked_until): a column grant, not listed here.
      "email_outbox: insert, select",
      "idea_bearers: insert, select",
      "idea_events: insert, select",
      // Plus update of removed_at and removed_by only: a link is removed, never deleted.
      "idea_links: insert, select",
      "idea_states: select",
      "idea_transitions: select",
      "idea_versions: insert, select",
      "ideas: insert, select, update",
      "idempotency_keys: insert, select, update",
      "internal_notes: insert, select",
      "messages: insert, select",
      // Plus insert of code, name, email_domains, active and update of all but the code.
      "municipalities: select",
      "municipality_interest: delete, insert, select",
      "note_mentions: insert, select",
      "recommendation_history: insert, select",
      // Plus update of recommendation, comment and updated_at only.
      "recommendations: insert, select",
      "reference_counters: insert, select, update",
      // Plus update of keep_for, after, legal_basis, active, changed_at and changed_by: a column
      // grant, not listed here.
      "retention_rules: select",
      "reviewer_sessions: insert, select, update",
      // Plus insert of user_id, display_name, role, municipality_code and update of display_name,
      // role, municipality_code, active (column grants).
      "reviewers: select",
      "score_history: insert, select",
      // Plus update of criteria_version_id, score, comment and updated_at only.
      "scores: insert, select",
      "sign_in_attempts: delete, insert, select",
      "status_tokens: insert, select",
      "throttles: insert, select, update",
    ]);
  });

  it("does not let anon or authenticated execute a function a later migration adds without a grant (SB-07)", async () => {
    await stack.db.query("begin");
    try {
      await stack.db.query(
        "create function api.added_later() returns int language sql as 'select 1'",
      );
      const { rows } = await stack.db.query(`
        select has_function_privilege('anon', 'api.added_later()', 'execute') as anon,
               has_function_privilege('authenticated', 'api.added_later()', 'execute') as authenticated`);
      expect(rows).toEqual([{ anon: false, authenticated: false }]);
    } finally {
      await stack.db.query("rollback");
    }
  });

  it("rejects a score outside 1–5 even from the table owner (RL-10)", async () => {
    const insertScore = (score: number) =>
      stack.db.query(
        `insert into app.scores (idea_id, reviewer_id, criterion_id, criteria_version_id, score)
         select i.id, r.user_id, cv.criterion_id, cv.id, $1
         from app.ideas i, app.reviewers r, app.criteria_versions cv
         where i.state = 'received' and r.role = 'coordinator' and cv.criterion_id = 'nytta'
         limit 1`,
        [score],
      );
    await stack.db.query("begin");
    try {
      await expect(insertScore(6)).rejects.toThrow(
        'new row for relation "scores" violates check constraint "scores_score_check"',
      );
    } finally {
      await stack.db.query("rollback");
    }
    await stack.db.query("begin");
    try {
      expect((await insertScore(5)).rowCount).toBe(1);
    } finally {
      await stack.db.query("rollback");
    }
  });

  it("holds the lifecycle's allowed transitions as data", async () => {
    const transitions = await rowsOf(
      `select from_state || ' → ' || to_state as move from app.idea_transitions order by 1`,
    );
    expect(transitions.map((row) => row.move)).toEqual([
      "accepted → in_development",
      "assessed → accepted",
      "assessed → declined",
      "assessed → duplicate",
      "assessed → forwarded",
      "assessed → in_review",
      "assessed → parked",
      "duplicate → in_review",
      "implemented → spread",
      "in_development → implemented",
      "in_review → assessed",
      "in_review → duplicate",
      "in_review → needs_info",
      "needs_info → in_review",
      "parked → in_review",
      "received → duplicate",
      "received → in_review",
    ]);
  });

  it("names the lifecycle's states exactly as the site's code does, in the same order", async () => {
    const rows = await rowsOf("select state, label from app.idea_states order by sort_order");
    expect(rows.map((row) => row.state)).toEqual([...ideaStates]);
    // The database keeps the labels in lower case, as they appear inside a sentence.
    expect(rows.map((row) => row.label)).toEqual(
      ideaStates.map((state) => ideaStateLabels[state].toLocaleLowerCase("sv")),
    );
    // The decisions too: the status page heads a decision's message as one.
    const decisions = await rowsOf(
      "select state from app.idea_states where is_decision order by sort_order",
    );
    expect(decisions.map((row) => row.state)).toEqual([...decisionStates]);
  });
});
