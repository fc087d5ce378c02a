import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { ROLE_LABELS } from "../../../shared/schemas/auth";
import { NAME_MAX } from "../../../shared/schemas/common";
import { InviteRequest, type InviteResponse } from "../../../shared/schemas/users";
import { api } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { applyServerErrors } from "../../lib/server-errors";
import { AffiliationPicker, roleOptions } from "./role-fields";

type Input = z.input<typeof InviteRequest>;
type Output = z.output<typeof InviteRequest>;
type Result = z.infer<typeof InviteResponse>;

const blank: Input = { name: "", email: "", role: "hub_staff", schoolId: null, partnerId: null };

export function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Result | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    control,
    watch,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({ resolver: zodResolver(InviteRequest), defaultValues: blank });
  const role = watch("role");

  const close = () => {
    reset(blank);
    setResult(null);
    setFormError(null);
    setCopied(false);
    onClose();
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const body = {
      ...values,
      schoolId: values.role === "school_user" ? values.schoolId : null,
      partnerId: values.role === "partner_user" ? values.partnerId : null,
    };
    try {
      const answer = await api.post<Result>("/api/users/invitations", body);
      setResult(answer);
      await queryClient.invalidateQueries({ queryKey: ["users"] });
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["name", "email", "role", "schoolId", "partnerId"]));
    }
  });

  const copy = async () => {
    if (!result?.inviteUrl) return;
    try {
      await navigator.clipboard.writeText(result.inviteUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  if (result) {
    return (
      <Dialog
        key="invite"
        open={open}
        onClose={close}
        title="Invitation sent"
        footer={
          <>
            <Button
              variant="secondary"
              onClick={() => {
                reset(blank);
                setResult(null);
                setCopied(false);
              }}
            >
              Invite someone else
            </Button>
            <Button onClick={close}>Done</Button>
          </>
        }
      >
        <div className="space-y-4">
          <Alert tone="success">
            We have e-mailed an invitation to {result.member.name} ({result.member.email}) to join as{" "}
            {ROLE_LABELS[result.member.role]}.
          </Alert>
          {result.inviteUrl ? (
            <>
              <p className="text-sm text-slate-700">
                If e-mail is not set up for this hub, copy the link below and send it to them yourself. It
                works once.
              </p>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
                <TextField
                  label="Invite link"
                  readOnly
                  value={result.inviteUrl}
                  onFocus={(event) => event.currentTarget.select()}
                  className="flex-1"
                />
                <Button
                  variant="secondary"
                  onClick={copy}
                  icon={<Copy aria-hidden="true" className="size-4" />}
                >
                  {copied ? "Copied" : "Copy link"}
                </Button>
              </div>
              <p aria-live="polite" className="sr-only">
                {copied ? "Invite link copied" : ""}
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-700">
              The link goes to them by e-mail only. They join this hub when they accept it; until then they
              are listed as invited.
            </p>
          )}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      key="invite"
      open={open}
      onClose={close}
      title="Invite a user"
      description="They get an e-mail with a link to accept and join this hub."
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form="invite-form" pending={isSubmitting}>
            Send invitation
          </Button>
        </>
      }
    >
      <form id="invite-form" noValidate onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formError} />
        <TextField
          label="Name"
          autoComplete="off"
          limit={NAME_MAX}
          error={errors.name?.message}
          {...register("name")}
        />
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...register("email")}
        />
        <Select label="Role" options={roleOptions} error={errors.role?.message} {...register("role")} />
        <Controller
          control={control}
          name="schoolId"
          render={({ field: school }) => (
            <Controller
              control={control}
              name="partnerId"
              render={({ field: partner }) => (
                <AffiliationPicker
                  role={role}
                  schoolId={school.value ?? null}
                  partnerId={partner.value ?? null}
                  onSchoolChange={school.onChange}
                  onPartnerChange={partner.onChange}
                  schoolError={errors.schoolId?.message}
                  partnerError={errors.partnerId?.message}
                />
              )}
            />
          )}
        />
      </form>
    </Dialog>
  );
}
