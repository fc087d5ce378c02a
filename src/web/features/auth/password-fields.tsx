import { z } from "zod";
import { passwordProblem } from "../../../shared/rules/password-rule";
import { PASSWORD_MIN } from "../../../shared/schemas/auth";
import { TextField, type TextFieldProps } from "../../components/ui/text-field";

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

type Registered = Omit<TextFieldProps, "label">;

/**
 * The two "new password" inputs every page that sets a password shows: the hint under the first,
 * each with its own error. Pass what the form's `register` gave for each field.
 */
export function NewPasswordFields({
  labels,
  password,
  confirm,
  errors,
}: {
  labels: { password: string; confirm: string };
  password: Registered;
  confirm: Registered;
  errors: { password?: string | undefined; confirm?: string | undefined };
}) {
  return (
    <>
      <TextField
        label={labels.password}
        type="password"
        autoComplete="new-password"
        description={passwordHint}
        error={errors.password}
        {...password}
      />
      <TextField
        label={labels.confirm}
        type="password"
        autoComplete="new-password"
        error={errors.confirm}
        {...confirm}
      />
    </>
  );
}
