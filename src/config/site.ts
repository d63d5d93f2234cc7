/**
 * What a region changes to run its own sluice: names, organisation and contact details.
 * Content pages read these values instead of repeating them, so one edit updates the whole site.
 */
export const siteConfig = {
  /** The product's name as visitors see it. */
  name: "Innovationsslussen",
  /** The region whose municipalities share the sluice. */
  region: "Skaraborg",
  /** The public body that runs the sluice on behalf of the municipalities. */
  organisation: "Skaraborgs Kommunalförbund",
  /** Where visitors write; a demo address until a region configures its own. */
  contactEmail: "innovationsslussen@example.se",
} as const;
