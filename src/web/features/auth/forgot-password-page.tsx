import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import type { z } from "zod";
import { PasswordResetRequest } from "../../../shared/schemas/auth";
import { api } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { TextField } from "../../components/ui/text-field";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AuthLayout, linkClasses } from "./auth-layout";

type Input = z.input<typeof PasswordResetRequest>;
type Output = z.output<typeof PasswordResetRequest>;

export function ForgotPasswordPage() {
  useDocumentTitle("Reset your password");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(PasswordResetRequest),
    defaultValues: { email: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await api.post<void>("/api/auth/password-reset", values);
      setSentTo(values.email);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["email"]));
    }
  });

  return (
    <AuthLayout
      title="Reset your password"
      intro="Enter the e-mail address you sign in with and we'll send you a link to choose a new password."
    >
      {sentTo ? (
        <div className="space-y-4">
          <Alert tone="success" title="Check your e-mail">
            If there is an account for {sentTo}, we have sent it a link to reset the password. The link works
            once and expires after a while.
          </Alert>
          <p className="text-sm">
            <Link to="/sign-in" className={linkClasses}>
              Back to sign in
            </Link>
          </p>
        </div>
      ) : (
        <form noValidate onSubmit={onSubmit} className="space-y-4">
          <FormAlert message={formError} />
          <TextField
            label="E-mail address"
            type="email"
            autoComplete="username"
            inputMode="email"
            error={errors.email?.message}
            {...register("email")}
          />
          <Button type="submit" pending={isSubmitting} className="w-full">
            Send reset link
          </Button>
          <p className="text-sm">
            <Link to="/sign-in" className={linkClasses}>
              Back to sign in
            </Link>
          </p>
        </form>
      )}
    </AuthLayout>
  );
}
