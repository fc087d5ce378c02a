import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ROLE_LABELS } from "../../../shared/roles";
import { AccountNameRequest, type AccountResponse } from "../../../shared/schemas/account";
import { NAME_MAX } from "../../../shared/schemas/common";
import { ApiError, api, errorMessage } from "../../api/client";
import { meQueryKey } from "../../api/session";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { TextField } from "../../components/ui/text-field";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { NewPasswordFields, newPassword } from "../auth/password-fields";

const accountKey = ["account"] as const;

const card = "rounded-lg border border-slate-200 bg-white p-4 space-y-4";

function NameForm({ account }: { account: AccountResponse }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof AccountNameRequest>, unknown, z.output<typeof AccountNameRequest>>({
    resolver: zodResolver(AccountNameRequest),
    defaultValues: { name: account.name },
  });
  const onSubmit = handleSubmit(async ({ name }) => {
    setFormError(null);
    setNotice(null);
    try {
      const saved = await api.patch<AccountResponse>("/api/account", { name });
      queryClient.setQueryData(accountKey, saved);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      setNotice(`Your name is now ${saved.name}.`);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["name"]));
    }
  });
  return (
    <section aria-labelledby="name-heading" className={card}>
      <h2 id="name-heading" className="text-lg font-semibold text-slate-900">
        Your name
      </h2>
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formError} />
        <div aria-live="polite">{notice ? <Alert tone="success">{notice}</Alert> : null}</div>
        <TextField
          label="Name"
          autoComplete="name"
          limit={NAME_MAX}
          description="How you appear to your hubs, in lists and in the audit log."
          error={errors.name?.message}
          {...register("name")}
        />
        <Button type="submit" pending={isSubmitting}>
          Save name
        </Button>
      </form>
    </section>
  );
}

function PasswordForm({ account }: { account: AccountResponse }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const schema = z
    .object({ currentPassword: z.string().min(1, "Enter your current password") })
    .and(newPassword(account.email));
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { currentPassword: "", password: "", confirm: "" },
  });
  const onSubmit = handleSubmit(async ({ currentPassword, password }) => {
    setFormError(null);
    setNotice(null);
    try {
      await api.post<void>("/api/account/password", { currentPassword, newPassword: password });
      reset();
      await queryClient.invalidateQueries({ queryKey: accountKey });
      setNotice("Your password has been changed. Every other device has been signed out.");
    } catch (error) {
      // The server names the new password `newPassword`; this form calls it `password`.
      const fields = error instanceof ApiError ? error.fields : [];
      const current = fields.find((f) => f.path === "currentPassword");
      const next = fields.find((f) => f.path === "newPassword");
      if (current) setError("currentPassword", { type: "server", message: current.message });
      if (next) setError("password", { type: "server", message: next.message });
      if (!current && !next) setFormError(errorMessage(error));
    }
  });
  return (
    <section aria-labelledby="password-heading" className={card}>
      <h2 id="password-heading" className="text-lg font-semibold text-slate-900">
        Your password
      </h2>
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formError} />
        <div aria-live="polite">{notice ? <Alert tone="success">{notice}</Alert> : null}</div>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...register("currentPassword")}
        />
        <NewPasswordFields
          labels={{ password: "New password", confirm: "New password again" }}
          password={register("password")}
          confirm={register("confirm")}
          errors={{ password: errors.password?.message, confirm: errors.confirm?.message }}
        />
        <Button type="submit" pending={isSubmitting}>
          Change password
        </Button>
      </form>
    </section>
  );
}

function Sessions({ account }: { account: AccountResponse }) {
  const everywhere = useMutation({
    mutationFn: () => api.post<void>("/api/account/sign-out-everywhere", { includeThisDevice: true }),
    onSuccess: () => window.location.assign("/sign-in"),
  });
  const devices =
    account.sessions === 1 ? "this device only" : `${account.sessions} devices, this one included`;
  return (
    <section aria-labelledby="sessions-heading" className={card}>
      <h2 id="sessions-heading" className="text-lg font-semibold text-slate-900">
        Where you are signed in
      </h2>
      <p className="text-sm text-slate-700">You are signed in on {devices}.</p>
      <Button variant="secondary" pending={everywhere.isPending} onClick={() => everywhere.mutate()}>
        Sign out everywhere
      </Button>
      {everywhere.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(everywhere.error)}
        </p>
      ) : null}
    </section>
  );
}

/** One's own account: name, password, hubs and roles, and signing out everywhere. */
export function AccountPage() {
  useDocumentTitle("Your account");
  const account = useQuery({ queryKey: accountKey, queryFn: () => api.get<AccountResponse>("/api/account") });
  return (
    <>
      <PageHeader title="Your account" description={account.data?.email} />
      {account.isPending ? <Loading label="Loading your account" /> : null}
      {account.isError ? <Alert tone="error">{errorMessage(account.error)}</Alert> : null}
      {account.data ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <NameForm account={account.data} />
          <section aria-labelledby="hubs-heading" className={card}>
            <h2 id="hubs-heading" className="text-lg font-semibold text-slate-900">
              Your hubs and roles
            </h2>
            <ul className="divide-y divide-slate-200 text-sm">
              {account.data.memberships.map((m) => (
                <li key={m.hubId} className="flex flex-wrap justify-between gap-2 py-2">
                  <span className="font-medium text-slate-900">{m.hubName}</span>
                  <span className="text-slate-700">{ROLE_LABELS[m.role]}</span>
                </li>
              ))}
            </ul>
          </section>
          <PasswordForm account={account.data} />
          <Sessions account={account.data} />
        </div>
      ) : null}
    </>
  );
}
