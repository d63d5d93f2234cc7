/** Runs `action` once `ms` have passed without another call (typing, in practice). */
export function debounce<A extends unknown[]>(action: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), ms);
  };
}

/** The form's fields as name–value pairs, repeated names kept (checkboxes). */
export function formEntries(form: HTMLFormElement): [string, string][] {
  return [...new FormData(form).entries()].map(([name, value]) => [name, String(value)]);
}
