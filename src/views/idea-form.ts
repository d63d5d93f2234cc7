import {
  beneficiaryValues,
  fieldConstraints,
  triedValues,
  type FieldErrors,
  type IdeaField,
} from "../domain/idea/schema.ts";
import { defaultLocale, type Locale } from "../domain/locale.ts";
import { attr, html, type SafeHtml } from "./html.ts";
import { fieldId, renderErrorSummary, renderFieldError } from "./error-summary.ts";
import { ideaFormTexts } from "./idea-form-texts.ts";

export { fieldId, renderErrorSummary, renderFieldError };

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
  /** The page's language (Swedish unless told); the form tells the server in its `locale` field. */
  locale?: Locale;
}

/** Field labels per language, in the order the error summary lists them. */
export const fieldLabels: Readonly<Record<Locale, Readonly<Record<IdeaField, string>>>> = {
  sv: ideaFormTexts.sv.labels,
  en: ideaFormTexts.en.labels,
};

/** What every field renderer needs besides its own settings. */
interface FieldContext {
  values: IdeaFormValues;
  errors: FieldErrors;
  locale: Locale;
}

function text(values: IdeaFormValues, field: IdeaField): string {
  const value = values[field];
  return typeof value === "string" ? value : "";
}

function list(values: IdeaFormValues, field: IdeaField): readonly string[] {
  const value = values[field];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

function errorMessage(field: IdeaField, { errors, locale }: FieldContext): SafeHtml {
  return renderFieldError(field, errors[field], locale);
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
  multiline?: boolean;
  type?: "text" | "email" | "tel";
  autocomplete?: string;
  rows?: number;
}

function textField(props: TextFieldProps, context: FieldContext): SafeHtml {
  const { field, multiline, type = "text", autocomplete, rows = 5 } = props;
  const { values, errors, locale } = context;
  const hint = ideaFormTexts[locale].hints[field];
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
    <label for="${field}">${fieldLabels[locale][field]}</label>
    ${hint ? html`<span class="field__hint" id="${field}-hint">${hint}</span>` : ""}
    ${errorMessage(field, context)}
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
  context: FieldContext,
): SafeHtml {
  const { values, errors, locale } = context;
  const selected = text(values, field);
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
    <label for="${field}">${fieldLabels[locale][field]}</label>
    ${errorMessage(field, context)}
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
  context: FieldContext,
): SafeHtml {
  const { values, errors, locale } = context;
  const hint = ideaFormTexts[locale].hints[field];
  const chosen = list(values, field);
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
  <fieldset${describedBy(field, errors, Boolean(hint))}>
    <legend>${fieldLabels[locale][field]}</legend>
    ${hint ? html`<span class="field__hint" id="${field}-hint">${hint}</span>` : ""}
    ${errorMessage(field, context)}
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

function singleCheckbox(field: IdeaField, context: FieldContext, after?: SafeHtml): SafeHtml {
  const { values, errors, locale } = context;
  return html`<div class="${fieldClass(field, errors)}" data-field="${field}">
    ${errorMessage(field, context)}
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
      <label for="${field}">${fieldLabels[locale][field]}</label>
    </div>
    ${after ?? ""}
  </div>`;
}

/**
 * The idea form. The static pages (/skicka-ide/, /en/submit-idea/) and the submission function
 * render this same HTML, so a person without JavaScript who gets an error sees the form again, in
 * the same language, with every answer kept. The hidden `locale` field tells the server which
 * language to answer in.
 */
export function renderIdeaForm(props: IdeaFormProps): SafeHtml {
  const { options, values = {}, errors = {}, idempotencyKey, locale = defaultLocale } = props;
  const t = ideaFormTexts[locale];
  const context: FieldContext = { values, errors, locale };
  return html`${renderErrorSummary(errors, locale)}
    <form class="idea-form" method="post" action="/api/ideas" accept-charset="utf-8" data-idea-form>
      <input type="hidden" name="locale" value="${locale}" />
      <input type="hidden" name="idempotency_key" value="${idempotencyKey ?? ""}" />
      <div class="contact-fax" aria-hidden="true">
        <label for="contact_fax">${t.honeypotLabel}</label>
        <input
          type="text"
          id="contact_fax"
          name="contact_fax"
          value=""
          tabindex="-1"
          autocomplete="off"
        />
      </div>

      <h2>${t.headings.idea}</h2>
      <div class="notice" id="sensitive-data-note">
        <p>${t.sensitiveDataNote}</p>
      </div>
      ${textField({ field: "title" }, context)}
      ${textField({ field: "problem", multiline: true }, context)}
      ${textField({ field: "proposal", multiline: true, rows: 7 }, context)}
      ${choiceGroup(
        "beneficiaries",
        "checkbox",
        beneficiaryValues.map((value) => ({ value, label: t.beneficiaries[value] })),
        context,
      )}
      ${textField({ field: "expected_effects", multiline: true }, context)}
      ${selectField(
        "area_id",
        options.areas.map((area) => ({ value: area.id, label: area.name })),
        t.areaPlaceholder,
        context,
      )}
      ${choiceGroup(
        "tried",
        "radio",
        triedValues.map((value) => ({ value, label: t.tried[value] })),
        context,
      )}
      ${textField({ field: "resources", multiline: true, rows: 3 }, context)}

      <h2>${t.headings.workplace}</h2>
      ${selectField(
        "municipality_code",
        options.municipalities.map((municipality) => ({
          value: municipality.code,
          label: municipality.name,
        })),
        t.municipalityPlaceholder,
        context,
      )}
      ${textField({ field: "workplace", autocomplete: "organization" }, context)}

      <h2>${t.headings.you}</h2>
      ${textField({ field: "bearer_name", autocomplete: "name" }, context)}
      ${textField({ field: "bearer_email", type: "email", autocomplete: "email" }, context)}
      ${textField({ field: "bearer_phone", type: "tel", autocomplete: "tel" }, context)}
      ${textField({ field: "co_bearers" }, context)}

      <h2>${t.headings.consents}</h2>
      ${singleCheckbox(
        "privacy_notice_read",
        context,
        html`<p class="field__hint">
          <a href="${t.privacyNoticeHref}">${t.privacyNoticeLink}</a>
        </p>`,
      )}
      ${choiceGroup(
        "contact_consent",
        "radio",
        [
          { value: "ja", label: t.yes },
          { value: "nej", label: t.no },
        ],
        context,
      )}
      ${singleCheckbox("publish_consent", context)}

      <p><button class="button" type="submit">${t.submit}</button></p>
      <p class="field__hint">
        ${t.afterSubmit.before}
        <a href="${t.privacyNoticeHref}">${t.afterSubmit.link}</a>${t.afterSubmit.after}
      </p>
    </form>`;
}
