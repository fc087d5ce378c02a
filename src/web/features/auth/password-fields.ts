import { z } from "zod";
import { passwordProblem } from "../../../shared/rules/password-rule";
import { PASSWORD_MIN } from "../../../shared/schemas/auth";

export const passwordHint = `At least ${PASSWORD_MIN} characters, not a common password and not your e-mail address. A few unrelated words make a strong one.`;

/**
 * A new password typed twice, checked by the same rule as the server's (so the form says why
 * before anything is sent). `email` is the account's address, when the page knows it.
 */
export const newPassword = (email: string | undefined) =>
  z.object({ password: z.string(), confirm: z.string() }).superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (v.password !== v.confirm)
      ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords do not match" });
  });
