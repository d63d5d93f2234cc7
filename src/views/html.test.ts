import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { attr, html } from "./html.ts";

describe("the html template", () => {
  test("escapes every interpolated string, including attacks on attributes", () => {
    const name = `"><img src=x onerror=alert(1)>`;
    expect(html`<input value="${name}">`.value).toBe(
      '<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">',
    );
  });

  test("keeps HTML built by itself, joins arrays and drops empty values", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}`.value).toBe(
      "<ul><li>a&lt;b</li><li>c</li></ul>",
    );
  });

  test("attr renders boolean and valued attributes", () => {
    expect(
      html`<input${attr("required", true)}${attr("hidden", false)}${attr("maxlength", 150)}>`.value,
    ).toBe('<input required maxlength="150">');
  });

  test("for any string, no <, >, \" or ' survives unescaped (RL-15)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const out = html`<p title="${text}">${text}</p>`.value;
        const inner = out.slice('<p title="'.length, -"</p>".length);
        expect(inner.replace('">', "")).not.toMatch(/[<>"']/);
      }),
      { numRuns: 1000 },
    );
  });
});
