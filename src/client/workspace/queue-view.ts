import { workspacePaths } from "../../config/navigation.ts";

/**
 * The queue view a reviewer last looked at in this tab (its query string), so the idea page's
 * "Tillbaka till listan" returns to the same filters. Kept in sessionStorage: this tab only, gone
 * when it closes; a browser that refuses storage simply gets the unfiltered queue.
 */
const key = "granska:listans-filter";

/** Remembers the queue's current view (`state=in_review&q=lås`, or empty). */
export function rememberQueueView(search: string): void {
  try {
    sessionStorage.setItem(key, search);
  } catch {
    // Storage refused (private mode, full): the way back is the unfiltered queue.
  }
}

/** The queue's address with the view last looked at in this tab. */
export function queueViewHref(): string {
  let search: string;
  try {
    search = sessionStorage.getItem(key) ?? "";
  } catch {
    search = "";
  }
  return search ? `${workspacePaths.home}?${search}` : workspacePaths.home;
}
