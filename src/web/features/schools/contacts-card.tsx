import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Mail, Phone } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { inSentence } from "../../../shared/messages";
import {
  CONTACT_ROLE_LABELS,
  CONTACT_ROLES,
  type Contact,
  ContactInput,
  type ContactRole,
  type School,
} from "../../../shared/schemas/schools";
import { errorMessage } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { formatDate } from "../../lib/format";
import { applyServerErrors } from "../../lib/server-errors";
import { deleteContact, putContact, schoolsKeys } from "./schools-api";

type Input = z.input<typeof ContactInput>;
type Output = z.output<typeof ContactInput>;

function ContactDialog({
  school,
  role,
  contact,
  onClose,
  onSaved,
}: {
  school: School;
  role: ContactRole;
  contact: Contact | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({
    resolver: zodResolver(ContactInput),
    defaultValues: { name: contact?.name ?? "", email: contact?.email ?? "", phone: contact?.phone ?? "" },
  });
  const label = CONTACT_ROLE_LABELS[role];

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await putContact(school.urn, role, {
        name: values.name,
        email: values.email ? values.email : null,
        phone: values.phone ? values.phone : null,
      });
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.detail(school.urn) });
      onSaved(`${label} saved.`);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["name", "email", "phone"]));
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title={`${contact ? "Edit" : "Add"} ${inSentence(label)}`}
      description={school.name}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="contact-form" pending={isSubmitting}>
            Save contact
          </Button>
        </>
      }
    >
      <form id="contact-form" noValidate onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formError} />
        <TextField
          label="Name"
          autoComplete="off"
          limit={ContactInput.shape.name.maxLength}
          error={errors.name?.message}
          {...register("name")}
        />
        <TextField
          label="E-mail address"
          type="email"
          optional
          autoComplete="off"
          error={errors.email?.message}
          {...register("email")}
        />
        <TextField
          label="Phone"
          type="tel"
          optional
          autoComplete="off"
          error={errors.phone?.message}
          {...register("phone")}
        />
      </form>
    </Dialog>
  );
}

function RemoveContactDialog({
  school,
  contact,
  onClose,
  onRemoved,
}: {
  school: School;
  contact: Contact;
  onClose: () => void;
  onRemoved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const label = CONTACT_ROLE_LABELS[contact.role];
  const remove = useMutation({
    mutationFn: () => deleteContact(school.urn, contact.role),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.detail(school.urn) });
      onRemoved(`${label} removed.`);
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      size="sm"
      title={`Remove the ${inSentence(label)}?`}
      description={`${contact.name} will no longer be recorded as ${school.name}'s ${inSentence(label)}.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate()}>
            Remove
          </Button>
        </>
      }
    >
      <FormAlert message={remove.isError ? errorMessage(remove.error) : null} />
    </Dialog>
  );
}

type Editing = { kind: "edit"; role: ContactRole } | { kind: "remove"; contact: Contact } | null;

/** The school's four contacts. Shown to hub users and the school's own users only. */
export function ContactsCard({ school, contacts }: { school: School; contacts: Contact[] }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const byRole = new Map(contacts.map((c) => [c.role, c]));
  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
  };
  return (
    <section aria-labelledby="contacts-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="contacts-heading" className="mb-3 text-lg font-semibold text-slate-900">
        Contacts
      </h2>
      <div aria-live="polite">
        {notice ? (
          <Alert tone="success" className="mb-3">
            {notice}
          </Alert>
        ) : null}
      </div>
      <ul className="divide-y divide-slate-200">
        {CONTACT_ROLES.map((role) => {
          const contact = byRole.get(role) ?? null;
          const label = CONTACT_ROLE_LABELS[role];
          return (
            <li key={role} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0 text-sm">
                <p className="font-semibold text-slate-900">{label}</p>
                {contact ? (
                  <>
                    <p className="text-slate-900">{contact.name}</p>
                    {contact.email ? (
                      <p className="flex items-center gap-1 break-all">
                        <Mail aria-hidden="true" className="size-3.5 shrink-0 text-slate-600" />
                        <a
                          href={`mailto:${contact.email}`}
                          className={cx("text-blue-800 underline", focusRing)}
                        >
                          {contact.email}
                        </a>
                      </p>
                    ) : null}
                    {contact.phone ? (
                      <p className="flex items-center gap-1">
                        <Phone aria-hidden="true" className="size-3.5 shrink-0 text-slate-600" />
                        {contact.phone}
                      </p>
                    ) : null}
                    <p className="text-xs text-slate-700">Updated {formatDate(contact.updatedAt)}</p>
                  </>
                ) : (
                  <p className="text-slate-700">Not recorded</p>
                )}
              </div>
              {school.can.editContacts ? (
                <div className="flex shrink-0 gap-2">
                  <Button variant="secondary" size="sm" onClick={() => setEditing({ kind: "edit", role })}>
                    {contact ? "Edit" : "Add"}
                    <span className="sr-only"> {inSentence(label)}</span>
                  </Button>
                  {contact ? (
                    <Button variant="ghost" size="sm" onClick={() => setEditing({ kind: "remove", contact })}>
                      Remove<span className="sr-only"> {inSentence(label)}</span>
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editing?.kind === "edit" ? (
        <ContactDialog
          school={school}
          role={editing.role}
          contact={byRole.get(editing.role) ?? null}
          onClose={() => setEditing(null)}
          onSaved={done}
        />
      ) : null}
      {editing?.kind === "remove" ? (
        <RemoveContactDialog
          school={school}
          contact={editing.contact}
          onClose={() => setEditing(null)}
          onRemoved={done}
        />
      ) : null}
    </section>
  );
}
