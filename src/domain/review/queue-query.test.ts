import { describe, expect, test } from "vitest";
import { queueParameterMessages } from "./queue-messages.ts";
import { parseQueueQuery, queueCallArguments } from "./queue-query.ts";

const parse = (query: string) => parseQueueQuery(new URLSearchParams(query));

describe("the queue's query parameters", () => {
  test("without parameters: every idea in scope, newest first, 50 a page", () => {
    expect(parse("")).toEqual({
      ok: true,
      query: {
        state: undefined,
        municipality: undefined,
        area: undefined,
        assignedToMe: false,
        awaitingMyAssessment: false,
        overdue: false,
        q: undefined,
        sort: "received",
        cursor: undefined,
        limit: 50,
      },
    });
  });

  test("read every filter, the order and the page, and pass only those given to the database", () => {
    const parsed = parse(
      "state=in_review&municipality=1496&area=vard-och-omsorg&assignedToMe=true&awaitingMyAssessment=false&overdue=true&q=+digitala+lås+&sort=waiting&cursor=WyJ3YWl0aW5nIl0&limit=20",
    );
    expect(parsed.ok && queueCallArguments(parsed.query)).toEqual({
      filters: {
        state: "in_review",
        municipality: "1496",
        area: "vard-och-omsorg",
        assigned_to_me: true,
        overdue: true,
        search: "digitala lås",
      },
      sort: "waiting",
      page_size: 20,
      cursor: "WyJ3YWl0aW5nIl0",
    });
  });

  test("take an empty value as no filter, as an empty form field sends it", () => {
    const parsed = parse("state=&municipality=&area=&q=&sort=&assignedToMe=&limit=");
    expect(parsed.ok && queueCallArguments(parsed.query)).toEqual({
      filters: {},
      sort: "received",
      page_size: 50,
    });
  });

  test.each([
    ["state=pending", "state", queueParameterMessages.state],
    ["municipality=Skövde", "municipality", queueParameterMessages.municipality],
    ["area=Vård och omsorg", "area", queueParameterMessages.area],
    ["overdue=ja", "overdue", queueParameterMessages.flag("overdue")],
    ["assignedToMe=1", "assignedToMe", queueParameterMessages.flag("assignedToMe")],
    [`q=${"a".repeat(201)}`, "q", queueParameterMessages.q],
    ["sort=title", "sort", queueParameterMessages.sort],
    ["cursor=not a cursor", "cursor", queueParameterMessages.cursor],
    ["limit=0", "limit", queueParameterMessages.limit],
    ["limit=101", "limit", queueParameterMessages.limit],
    ["limit=ten", "limit", queueParameterMessages.limit],
    ["colour=red", "colour", queueParameterMessages.unknown("colour")],
    ["state=received&state=in_review", "state", queueParameterMessages.repeated("state")],
  ])("refuse %s, naming the parameter", (query, field, message) => {
    expect(parse(query)).toEqual({ ok: false, problem: { field, message } });
  });

  test("name the parameter in every message", () => {
    expect(queueParameterMessages.limit).toBe(
      "Parametern limit ska vara ett heltal från 1 till 100.",
    );
    expect(queueParameterMessages.unknown("colour")).toBe(
      "Adressen har en parameter som listan inte känner till: colour. Ta bort den. Listan känner bara till state, municipality, area, assignedToMe, awaitingMyAssessment, overdue, q, sort, cursor, limit.",
    );
  });
});
