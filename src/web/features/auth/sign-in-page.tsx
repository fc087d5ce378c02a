import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import { type MeResponse, SignInRequest } from "../../../shared/schemas/auth";
import { api } from "../../api/client";
import { rememberSession } from "../../api/session";
import { FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { TextField } from "../../components/ui/text-field";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { safeNext } from "../shell/guards";
import { AuthLayout, linkClasses } from "./auth-layout";

type Input = z.input<typeof SignInRequest>;
type Output = z.output<typeof SignInRequest>;

export function SignInPage() {
  useDocumentTitle("Sign in");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(SignInRequest),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const me = await api.post<MeResponse>("/api/auth/sign-in", values);
      rememberSession(queryClient, me);
      await navigate(safeNext(params.get("next")), { replace: true });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["email", "password"]));
    }
  });

  return (
    <AuthLayout title="Sign in to Tutti">
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
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...register("password")}
        />
        <Button type="submit" pending={isSubmitting} className="w-full">
          Sign in
        </Button>
        <p className="text-sm">
          <Link to="/forgot-password" className={linkClasses}>
            Forgotten your password?
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
