import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { type InvitationInfo, type MeResponse, ROLE_LABELS } from "../../../shared/schemas/auth";
import { ApiError, api } from "../../api/client";
import { rememberSession } from "../../api/session";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { TextField } from "../../components/ui/text-field";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AuthLayout, linkClasses } from "./auth-layout";
import { NewPasswordFields, newPassword } from "./password-fields";

const acceptForm = (email: string) =>
  z.object({ name: z.string().trim().min(1, "Enter your name").max(200) }).and(newPassword(email));

const JoinForm = z.object({ password: z.string().min(1, "Enter your password") });

/** Signs in with the session the server opened and goes home. */
const useSignedIn = () => {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async (me: MeResponse) => {
    rememberSession(queryClient, me);
    await navigate("/", { replace: true });
  };
};

/** A new account: chooses its name and password. */
function NewAccountForm({ token, info }: { token: string; info: InvitationInfo }) {
  const done = useSignedIn();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = acceptForm(info.email);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { name: info.name, password: "", confirm: "" },
  });
  const onSubmit = handleSubmit(async ({ name, password }) => {
    setFormError(null);
    try {
      await done(await api.post<MeResponse>("/api/auth/invitations/accept", { token, name, password }));
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["name", "password"]));
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert message={formError} />
      <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...register("name")} />
      <NewPasswordFields
        labels={{ password: "Choose a password", confirm: "Type the password again" }}
        password={register("password")}
        confirm={register("confirm")}
        errors={{ password: errors.password?.message, confirm: errors.confirm?.message }}
      />
      <Button type="submit" pending={isSubmitting} className="w-full">
        Accept and sign in
      </Button>
    </form>
  );
}

/** An account that already has a password: accepts by typing it. */
function ExistingAccountForm({ token, info }: { token: string; info: InvitationInfo }) {
  const done = useSignedIn();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof JoinForm>, unknown, z.output<typeof JoinForm>>({
    resolver: zodResolver(JoinForm),
    defaultValues: { password: "" },
  });
  const onSubmit = handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await done(await api.post<MeResponse>("/api/auth/invitations/accept", { token, password }));
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["password"]));
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      <FormAlert message={formError} />
      <p className="text-sm text-slate-700">
        You already have a Tutti account as <strong>{info.email}</strong>. Type its password to join{" "}
        {info.hubName}.
      </p>
      <TextField
        label="Your password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register("password")}
      />
      <Button type="submit" pending={isSubmitting} className="w-full">
        Accept and sign in
      </Button>
      <p className="text-sm">
        <Link to="/forgot-password" className={linkClasses}>
          Forgotten your password?
        </Link>
      </p>
    </form>
  );
}

export function AcceptInvitationPage() {
  useDocumentTitle("Accept your invitation");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";

  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.get<InvitationInfo>(`/api/auth/invitations/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (!token || invitation.isError) {
    const gone = !token || (invitation.error instanceof ApiError && invitation.error.status === 404);
    return (
      <AuthLayout title="Accept your invitation">
        <Alert tone="error" title={gone ? "This invitation link does not work" : "Something went wrong"}>
          {gone
            ? "It may have expired or already been used. Ask your hub admin to send a new invitation."
            : "We could not check your invitation. Try again in a moment."}
        </Alert>
        <p className="mt-4 text-sm">
          <Link to="/sign-in" className={linkClasses}>
            Go to sign in
          </Link>
        </p>
      </AuthLayout>
    );
  }

  if (!invitation.data) {
    return (
      <AuthLayout title="Accept your invitation">
        <Loading label="Checking your invitation…" />
      </AuthLayout>
    );
  }

  const info = invitation.data;
  return (
    <AuthLayout
      title={`Join ${info.hubName}`}
      intro={
        <p>
          You have been invited to Tutti as <strong>{ROLE_LABELS[info.role]}</strong>. You will sign in as{" "}
          <strong>{info.email}</strong>.
        </p>
      }
    >
      {info.existingAccount ? (
        <ExistingAccountForm token={token} info={info} />
      ) : (
        <NewAccountForm token={token} info={info} />
      )}
    </AuthLayout>
  );
}
