import { z } from "zod";
import { PASSWORD_MIN, Password } from "../../../shared/schemas/auth";

export const passwordHint = `At least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`;

/** A new password typed twice. */
export const NewPassword = z
  .object({ password: Password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match" });
