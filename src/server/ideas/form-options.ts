import type { ApiClient } from "../supabase.ts";
import { formOptionsSchema } from "../../views/form-options.ts";
import type { IdeaFormOptions } from "../../views/idea-form.ts";

/** The form's municipalities and areas from the database, or undefined when they cannot be read. */
export async function readFormOptions(database: ApiClient): Promise<IdeaFormOptions | undefined> {
  try {
    const { data, error } = await database.rpc("list_form_options");
    if (error) return undefined;
    const parsed = formOptionsSchema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
