import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import type { MeResponse, PasswordResetInfo } from "../../../shared/schemas/auth";
import { ApiError, api } from "../../api/client";
import { rememberSession } from "../../api/session";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AuthLayout, linkClasses } from "./auth-layout";
import { NewPasswordFields, newPassword } from "./password-fields";

const askAgain = (
  <Link to="/forgot-password" className={linkClasses}>
    ask for a new one
  </Link>
);

function ResetForm({ token, email }: { token: string; email: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const schema = newPassword(email);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { password: "", confirm: "" },
  });

  const onSubmit = handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      // The server signs the person in when the account is active in a hub.
      const me = await api.post<MeResponse | undefined>("/api/auth/password-reset/complete", {
        token,
        password,
      });
      if (me) {
        rememberSession(queryClient, me);
        await navigate("/", { replace: true });
      } else setDone(true);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["password"]));
    }
  });

  if (done)
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Your password has been changed">
          You can now sign in with your new password.
        </Alert>
        <Link to="/sign-in" className={linkClasses}>
          Sign in
        </Link>
      </div>
    );

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert message={formError} />
      <p className="text-sm text-slate-700">
        For <strong>{email}</strong>.
      </p>
      <NewPasswordFields
        labels={{ password: "New password", confirm: "Type the new password again" }}
        password={register("password")}
        confirm={register("confirm")}
        errors={{ password: errors.password?.message, confirm: errors.confirm?.message }}
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
  );
}

export function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const link = useQuery({
    queryKey: ["reset-link", token],
    queryFn: () => api.get<PasswordResetInfo>(`/api/auth/password-reset/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <Alert tone="error" title="This link is incomplete">
          Open the link from the e-mail again, or {askAgain}.
        </Alert>
      </AuthLayout>
    );
  }

  if (link.isError) {
    const gone = link.error instanceof ApiError && link.error.status === 404;
    return (
      <AuthLayout title="Choose a new password">
        <Alert tone="error" title={gone ? "This reset link does not work" : "Something went wrong"}>
          {gone ? (
            <>It may have expired, been used, or been replaced by a newer one. You can {askAgain}.</>
          ) : (
            "We could not check your link. Try again in a moment."
          )}
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      {link.data ? (
        <ResetForm token={token} email={link.data.email} />
      ) : (
        <Loading label="Checking your link…" />
      )}
    </AuthLayout>
  );
}
