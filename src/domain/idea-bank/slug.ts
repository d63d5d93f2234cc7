/** The idea bank's page path segment for an idea: its reference in lower case. */
export function ideaSlug(reference: string): string {
  return reference.toLowerCase();
}
