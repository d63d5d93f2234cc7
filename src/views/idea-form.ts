import {
  beneficiaryOptions,
  fieldConstraints,
  triedOptions,
  type FieldErrors,
  type IdeaField,
} from "../domain/idea/schema.ts";
import { attr, html, type SafeHtml } from "./html.ts";

/** The choices the form offers that come from the database. */
export interface IdeaFormOptions {
  municipalities: readonly { code: string; name: string }[];
  areas: readonly { id: string; name: string }[];
}

/** What the person has answered so far, as the form sent it. */
export type IdeaFormValues = Partial<Record<IdeaField, string | readonly string[]>>;

export interface IdeaFormProps {
  options: IdeaFormOptions;
  values?: IdeaFormValues;
  errors?: FieldErrors;
  /** The key that makes a retry of this very form harmless; set when a function renders the form. */
  idempotencyKey?: string;
}

/** Field labels, in the order the error summary lists them. */
export const fieldLabels: Readonly<Record<IdeaField, string>> = {
  title: "Rubrik",
  problem: "Vilket problem eller behov har du sett?",
  proposal: "Vad är din idé?",
  beneficiaries: "Vem har nytta av idén?",
  expected_effects: "Vilka effekter tror du att idén får?",
  area_id: "Verksamhetsområde",
  tried: "Har idén prövats?",
  resources: "Vad kan idén behöva?",
  municipality_code: "Kommun",
  workplace: "Arbetsplats (frivilligt)",
  bearer_name: "Ditt namn",
  bearer_email: "Din e-postadress i jobbet",
  bearer_phone: "Telefonnummer (frivilligt)",
  co_bearers: "Fler som har varit med och tagit fram idén (frivilligt)",
  privacy_notice_read: "Jag har läst hur ni behandlar mina personuppgifter",
  contact_consent: "Får vi kontakta dig om idén?",
  publish_consent: "Ni får publicera en sammanfattning av idén i idébanken",
};

function text(values: IdeaFormValues, field: IdeaField): string {
  const value = values[field];
  return typeof value === "string" ? value : "";
}

function list(values: IdeaFormValues, field: IdeaField): readonly string[] {
  const value = values[field];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

/** The id of the element an error links to: the field, or the first option of a group. */
export function fieldId(field: IdeaField): string {
  return field;
}

function errorMessage(field: IdeaField, errors: FieldErrors): SafeHtml {
  const messages = errors[field];
  if (!messages?.length) return html``;
  return html`<p class="field__error" id="${field}-error"><span class="visually-hidden">Fel:</span> ${messages.join(" ")}</p>`;
}

function describedBy(field: IdeaField, errors: FieldErrors, hint: boolean): SafeHtml {
  const ids = [hint ? `${field}-hint` : "", errors[field]?.length ? `${field}-error` : ""].filter(
    Boolean,
  );
  return attr("aria-describedby", ids.length ? ids.join(" ") : undefined);
}

function fieldClass(field: IdeaField, errors: FieldErrors): string {
  return errors[field]?.length ? "field field--error" : "field";
}

interface TextFieldProps {
  field: IdeaField;
  hint?: string;
  multiline?: boolean;
  type?: "text" | "email" | "tel";
  autocomplete?: string;
  rows?: number;
}

function textField(props: TextFieldProps, values: IdeaFormValues, errors: FieldErrors): SafeHtml {
  const { field, hint, multiline, type = "text", autocomplete, rows = 5 } = props;
  const constraints = fieldConstraints(field);
  const common = html`id="${field}"
  name="${field}"${attr("required", constraints.required)}${attr(
    "maxlength",
    constraints.maxlength,
  )}${describedBy(field, errors, Boolean(hint))}${attr("aria-invalid", errors[field]?.length ? "true" : undefined)}${attr(
    "autocomplete",
    autocomplete,
  )}`;
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
    <label for="${field}">${fieldLabels[field]}</label>
    ${hint ? html`<span class="field__hint" id="${field}-hint">${hint}</span>` : ""}
    ${errorMessage(field, errors)}
    ${
      multiline
        ? html`<textarea ${common} rows="${rows}">${text(values, field)}</textarea>`
        : html`<input type="${type}" ${common} value="${text(values, field)}" />`
    }
  </div>`;
}

function selectField(
  field: IdeaField,
  choices: readonly { value: string; label: string }[],
  placeholder: string,
  values: IdeaFormValues,
  errors: FieldErrors,
): SafeHtml {
  const selected = text(values, field);
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
    <label for="${field}">${fieldLabels[field]}</label>
    ${errorMessage(field, errors)}
    <select
      id="${field}"
      name="${field}"
      ${attr("required", fieldConstraints(field).required)}${describedBy(
        field,
        errors,
        false,
      )}${attr("aria-invalid", errors[field]?.length ? "true" : undefined)}
    >
      <option value="">${placeholder}</option>
      ${choices.map((choice) => html`<option value="${choice.value}" ${attr("selected", choice.value === selected)}>${choice.label}</option>`)}
    </select>
  </div>`;
}

function choiceGroup(
  field: IdeaField,
  type: "checkbox" | "radio",
  choices: readonly { value: string; label: string }[],
  values: IdeaFormValues,
  errors: FieldErrors,
  hint?: string,
): SafeHtml {
  const chosen = list(values, field);
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
  <fieldset${describedBy(field, errors, Boolean(hint))}>
    <legend>${fieldLabels[field]}</legend>
    ${hint ? html`<span class="field__hint" id="${field}-hint">${hint}</span>` : ""}
    ${errorMessage(field, errors)}
    <div class="choices${choices.length <= 3 ? " choices--inline" : ""}">
      ${choices.map(
        (choice, index) =>
          html`<div class="choice">
            <input
              type="${type}"
              id="${index === 0 ? field : `${field}-${index + 1}`}"
              name="${field}"
              value="${choice.value}"
              ${attr("checked", chosen.includes(choice.value))}
            />
            <label for="${index === 0 ? field : `${field}-${index + 1}`}">${choice.label}</label>
          </div>`,
      )}
    </div>
  </fieldset>
</div>`;
}

function singleCheckbox(
  field: IdeaField,
  values: IdeaFormValues,
  errors: FieldErrors,
  after?: SafeHtml,
): SafeHtml {
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
    ${errorMessage(field, errors)}
    <div class="choice">
      <input
        type="checkbox"
        id="${field}"
        name="${field}"
        value="ja"
        ${attr("checked", list(values, field).includes("ja"))}${attr(
          "required",
          fieldConstraints(field).required,
        )}${describedBy(field, errors, false)}
      />
      <label for="${field}">${fieldLabels[field]}</label>
    </div>
    ${after ?? ""}
  </div>`;
}

/** The error summary (GOV.UK pattern): a fixed heading and one link per field with an error. */
export function renderErrorSummary(errors: FieldErrors): SafeHtml {
  const entries = (Object.entries(errors) as [IdeaField | "form", string[]][]).filter(
    ([, messages]) => messages.length,
  );
  if (entries.length === 0) return html``;
  return html`<div
    class="error-summary"
    id="error-summary"
    tabindex="-1"
    aria-labelledby="error-summary-title"
  >
    <div role="alert">
      <h2 id="error-summary-title">Något behöver rättas</h2>
      <ul>
        ${entries.map(([field, messages]) =>
          field === "form"
            ? html`<li>${messages.join(" ")}</li>`
            : html`<li><a href="#${fieldId(field)}">${messages.join(" ")}</a></li>`,
        )}
      </ul>
    </div>
  </div>`;
}

/**
 * The idea form. The static page (/skicka-ide/) and the submission function render this same HTML,
 * so a person without JavaScript who gets an error sees the form again with every answer kept.
 */
export function renderIdeaForm(props: IdeaFormProps): SafeHtml {
  const { options, values = {}, errors = {}, idempotencyKey } = props;
  return html`${renderErrorSummary(errors)}
    <form class="idea-form" method="post" action="/api/ideas" accept-charset="utf-8" data-idea-form>
      <input type="hidden" name="idempotency_key" value="${idempotencyKey ?? ""}" />
      <input type="hidden" name="started_at" value="" />
      <div class="contact-fax" aria-hidden="true">
        <label for="contact_fax">Lämna det här fältet tomt</label>
        <input
          type="text"
          id="contact_fax"
          name="contact_fax"
          value=""
          tabindex="-1"
          autocomplete="off"
        />
      </div>

      <h2>Din idé</h2>
      <div class="notice" id="sensitive-data-note">
        <p>
          Skriv inte känsliga uppgifter, till exempel om någons hälsa, och inga uppgifter om andra
          personer, som namn eller personnummer. Det du skickar blir en allmän handling som andra
          kan få läsa.
        </p>
      </div>
      ${textField({ field: "title", hint: "En kort mening som beskriver idén." }, values, errors)}
      ${textField({ field: "problem", multiline: true, hint: "Beskriv vad som inte fungerar i dag, och för vem." }, values, errors)}
      ${textField({ field: "proposal", multiline: true, rows: 7, hint: "Beskriv hur det skulle kunna bli bättre." }, values, errors)}
      ${choiceGroup("beneficiaries", "checkbox", beneficiaryOptions, values, errors, "Välj en eller flera.")}
      ${textField({ field: "expected_effects", multiline: true, hint: "Till exempel tid som sparas, bättre kvalitet eller lägre kostnader. Frivilligt." }, values, errors)}
      ${selectField(
        "area_id",
        options.areas.map((area) => ({ value: area.id, label: area.name })),
        "Välj verksamhetsområde",
        values,
        errors,
      )}
      ${choiceGroup("tried", "radio", triedOptions, values, errors)}
      ${textField({ field: "resources", multiline: true, rows: 3, hint: "Till exempel tid, pengar, teknik eller kunskap. Frivilligt." }, values, errors)}

      <h2>Var du arbetar</h2>
      ${selectField(
        "municipality_code",
        options.municipalities.map((municipality) => ({
          value: municipality.code,
          label: municipality.name,
        })),
        "Välj kommun",
        values,
        errors,
      )}
      ${textField({ field: "workplace", autocomplete: "organization" }, values, errors)}

      <h2>Om dig</h2>
      ${textField({ field: "bearer_name", autocomplete: "name" }, values, errors)}
      ${textField({ field: "bearer_email", type: "email", autocomplete: "email", hint: "Vi skickar ett kvitto och en länk där du kan följa idén." }, values, errors)}
      ${textField({ field: "bearer_phone", type: "tel", autocomplete: "tel" }, values, errors)}
      ${textField({ field: "co_bearers", hint: "Skriv bara namn, inga andra uppgifter." }, values, errors)}

      <h2>Samtycken</h2>
      ${singleCheckbox(
        "privacy_notice_read",
        values,
        errors,
        html`<p class="field__hint">
          <a href="/personuppgifter/">Så behandlar vi dina personuppgifter</a>
        </p>`,
      )}
      ${choiceGroup(
        "contact_consent",
        "radio",
        [
          { value: "ja", label: "Ja" },
          { value: "nej", label: "Nej" },
        ],
        values,
        errors,
      )}
      ${singleCheckbox("publish_consent", values, errors)}

      <p><button class="button" type="submit">Skicka idén</button></p>
      <p class="field__hint">
        Genom att skicka idén lämnar du den till kommunen. Läs
        <a href="/personuppgifter/">hur vi behandlar dina personuppgifter</a>.
      </p>
    </form>`;
}
