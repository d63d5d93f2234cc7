/**
 * The Swedish texts of the ideas export: the queue page's export form and the refusals of the
 * export's own parameter. The refusals the database gives are worded by the admin catalogue
 * (src/domain/admin/messages.ts). Pure: no I/O.
 */
export const exportQueryMessages = {
  contact: "Välj om kontaktuppgifterna ska vara med: contact=true eller utelämna parametern.",
} as const;

/** The texts of the export form on the queue page. */
export const exportFormTexts = {
  legend: "Exportera idéerna i urvalet",
  hint: "Filen innehåller alla idéer som matchar filtret ovan, inte bara den här sidan. Varje export loggas.",
  contactLabel: "Ta med idébärarnas kontaktuppgifter (personuppgifter)",
  contactHint:
    "Välj bara det om du behöver kontakta idébärarna. Filen märks då som personuppgifter och ska raderas när den inte behövs.",
  csv: "Exportera CSV",
  xlsx: "Exportera Excel",
  log: "Se loggen över exporter och andra åtgärder",
} as const;
