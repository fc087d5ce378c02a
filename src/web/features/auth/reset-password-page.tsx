import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { api } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { TextField } from "../../components/ui/text-field";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AuthLayout, linkClasses } from "./auth-layout";
import { NewPassword, passwordHint } from "./password-fields";

type Input = z.input<typeof NewPassword>;
type Output = z.output<typeof NewPassword>;

export function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(NewPassword),
    defaultValues: { password: "", confirm: "" },
  });

  const onSubmit = handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await api.post<void>("/api/auth/password-reset/complete", { token, password });
      setDone(true);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["password"]));
    }
  });

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <Alert tone="error" title="This link is incomplete">
          Open the link from the e-mail again, or{" "}
          <Link to="/forgot-password" className={linkClasses}>
            ask for a new one
          </Link>
          .
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      {done ? (
        <div className="space-y-4">
          <Alert tone="success" title="Your password has been changed">
            You can now sign in with your new password.
          </Alert>
          <Link to="/sign-in" className={linkClasses}>
            Sign in
          </Link>
        </div>
      ) : (
        <form noValidate onSubmit={onSubmit} className="space-y-4">
          <FormAlert message={formError} />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            description={passwordHint}
            error={errors.password?.message}
            {...register("password")}
          />
          <TextField
            label="Type the new password again"
            type="password"
            autoComplete="new-password"
            error={errors.confirm?.message}
            {...register("confirm")}
          />
          <Button type="submit" pending={isSubmitting} className="w-full">
            Change password
          </Button>
          <p className="text-sm">
            <Link to="/forgot-password" className={linkClasses}>
              Ask for a new link
            </Link>
          </p>
        </form>
      )}
    </AuthLayout>
  );
}
