import { z } from "zod";

/** The form's choices as `api.list_form_options()` returns them: active municipalities and areas. */
export const formOptionsSchema = z.object({
  municipalities: z.array(z.object({ code: z.string(), name: z.string() })).min(1),
  areas: z.array(z.object({ id: z.string(), name: z.string() })).min(1),
});
