import { statusPaths } from "../config/navigation.ts";
import { referenceSchema } from "../domain/idea/format-schemas.ts";
import type { Locale } from "../domain/locale.ts";
import { attr, html, type SafeHtml } from "./html.ts";

const texts = {
  sv: {
    title: "Tack för din idé",
    referenceBefore: "Ditt diarienummer är ",
    statusLinkBefore: "Följ din idé här: ",
    statusLink: "din privata statuslänk",
    statusLinkAfter: ". Spara länken. Den är personlig, så dela den inte med andra.",
    mailNote:
      "Vi har skickat ett kvitto till din e-post. Där står diarienumret och din privata länk där du kan följa idén.",
    nextHeading: "Det här händer nu",
    next: [
      "Din idé är nu en allmän handling hos kommunen. Den får ett diarienummer och sparas som den är.",
      "Idécoachen i din kommun och idéslussens granskare läser idén. Vi siktar på att börja bedöma den inom två veckor.",
      "Om vi behöver veta mer ställer vi frågor till dig. Du svarar via din statuslänk, och vi mejlar dig när det finns något nytt.",
      "När idén är bedömd får du ett beslut med en förklaring.",
    ],
    processLink: { href: "/ideprocessen/", text: "Läs mer om hur idéprocessen går till" },
  },
  en: {
    title: "Thank you for your idea",
    referenceBefore: "Your reference number is ",
    statusLinkBefore: "Follow your idea here: ",
    statusLink: "your private status link",
    statusLinkAfter: ". Save the link. It is personal, so do not share it with anyone.",
    mailNote:
      "We have sent a receipt to your e-mail. It has the reference number and your private link where you can follow the idea.",
    nextHeading: "What happens now",
    next: [
      html`Your idea is now an official document (<span lang="sv">allmän handling</span>) of the municipality. It gets a reference number and is kept as it is.`,
      "The idea coach in your municipality and the idea sluice's reviewers read the idea. We aim to start assessing it within two weeks.",
      "If we need to know more, we ask you questions. You answer through your status link, and we e-mail you when there is something new.",
      "When the idea has been assessed, you get a decision with an explanation.",
    ],
    processLink: { href: "/en/idea-process/", text: "Read more about how the idea process works" },
  },
} as const;

/** The receipt page's title in each language. */
export function receiptTitle(locale: Locale): string {
  return texts[locale].title;
}

/**
 * The receipt page's content. The static page (`/tack/`, `/en/thanks/`) renders it without a
 * reference, and its script fills in the reference and the status link from the address. For a form
 * sent without JavaScript the address has `?ref=`, and Netlify hands the request to
 * `/api/receipt`, which renders it with the reference; the status link comes in the receipt e-mail.
 */
export function renderReceipt(options: { locale: Locale; reference?: string }): SafeHtml {
  const t = texts[options.locale];
  const reference = referenceSchema.safeParse(options.reference);
  return html`<div class="confirmation" role="status">
      <h1>${t.title}</h1>
      <p id="receipt-reference-line"${attr("hidden", !reference.success)}>
        ${t.referenceBefore}<strong id="receipt-reference">${reference.success ? reference.data : ""}</strong>.
      </p>
    </div>
    <p id="receipt-status-link" hidden>
      ${t.statusLinkBefore}<a href="${statusPaths[options.locale]}">${t.statusLink}</a>${t.statusLinkAfter}
    </p>
    <p id="receipt-mail-note">${t.mailNote}</p>
    <h2>${t.nextHeading}</h2>
    <ol>
      ${t.next.map((item) => html`<li>${item}</li>`)}
    </ol>
    <p><a href="${t.processLink.href}">${t.processLink.text}</a></p>`;
}
