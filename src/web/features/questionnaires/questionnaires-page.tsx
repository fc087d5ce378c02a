import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Upload } from "lucide-react";
import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  PURPOSE_LABELS,
  QUESTIONNAIRE_PURPOSES,
  type QuestionnairePurpose,
  type ResponseSummary,
  type TemplateSummary,
} from "../../../shared/schemas/questionnaires";
import { errorMessage, isApiError } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { Select } from "../../components/ui/select";
import { type Column, Table } from "../../components/ui/table";
import { TextField } from "../../components/ui/text-field";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import {
  availableQuery,
  createTemplate,
  importTemplate,
  questionnaireKeys,
  responsesQuery,
  startResponse,
  templatesQuery,
} from "./questionnaires-api";

const linkClass = cx("font-medium text-blue-800 underline underline-offset-2", focusRing);
const purposeOptions = QUESTIONNAIRE_PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }));

function NewTemplateForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [purpose, setPurpose] = useState<QuestionnairePurpose>("audit");
  const [errors, setErrors] = useState<{ title?: string; purpose?: string }>({});
  const create = useMutation({
    mutationFn: () => createTemplate({ title, purpose }),
    onSuccess: async (t) => {
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.templates });
      navigate(`/questionnaires/templates/${t.id}`);
    },
    onError: (error) => {
      if (isApiError(error) && error.fields.length)
        setErrors(Object.fromEntries(error.fields.map((f) => [f.path, f.message])));
      else setErrors({ title: errorMessage(error) });
    },
  });
  return (
    <form
      noValidate
      aria-labelledby="new-questionnaire"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return setErrors({ title: "A questionnaire needs a title" });
        setErrors({});
        create.mutate();
      }}
    >
      <h2 id="new-questionnaire" className="font-semibold text-slate-900">
        New questionnaire
      </h2>
      <TextField
        label="Title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.title}
      />
      <Select
        label="What is it for?"
        options={purposeOptions}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value as QuestionnairePurpose)}
        error={errors.purpose}
      />
      <Button type="submit" pending={create.isPending}>
        <Plus aria-hidden="true" className="size-4" />
        Create questionnaire
      </Button>
    </form>
  );
}

function ImportForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);
  const run = useMutation({
    mutationFn: async (file: File) => importTemplate(await file.text()),
    onSuccess: async (t) => {
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.templates });
      navigate(`/questionnaires/templates/${t.id}`);
    },
    onError: (error) =>
      setProblem({
        message: errorMessage(error),
        details: isApiError(error) ? error.fields.slice(1, 6).map((f) => f.message) : [],
      }),
  });
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold text-slate-900">Import from another hub</h2>
      <p className="text-sm text-slate-700">A questionnaire file (.json) exported from Tutti.</p>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        Questionnaire file
      </label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        className="block text-sm"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) {
            setProblem(null);
            run.mutate(file);
          }
        }}
      />
      {run.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm">
          <Upload aria-hidden="true" className="size-4" /> Importing…
        </p>
      ) : null}
      {problem ? (
        <Alert tone="error" title={problem.message}>
          {problem.details.length ? (
            <ul className="list-disc pl-5">
              {problem.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}

function TemplatesView() {
  const templates = useQuery(templatesQuery);
  const columns: Column<TemplateSummary>[] = [
    {
      key: "title",
      header: "Questionnaire",
      rowHeader: true,
      cell: (t) => (
        <Link to={`/questionnaires/templates/${t.id}`} className={linkClass}>
          {t.title}
        </Link>
      ),
    },
    { key: "purpose", header: "For", cell: (t) => PURPOSE_LABELS[t.purpose] },
    { key: "year", header: "Year", cell: (t) => t.academicYear ?? "—" },
    {
      key: "version",
      header: "Published",
      cell: (t) => (
        <span className="flex flex-wrap items-center gap-2">
          {t.latestVersion ? `Version ${t.latestVersion}` : "Not yet"}
          {t.latestVersion && t.hasUnpublishedChanges ? (
            <Badge tone="amber">Unpublished changes</Badge>
          ) : null}
        </span>
      ),
    },
    {
      key: "responses",
      header: "Responses",
      cell: (t) => (
        <Link to={`/questionnaires/templates/${t.id}/responses`} className={linkClass}>
          {t.submitted} submitted of {t.responses}
          <span className="sr-only"> for {t.title}</span>
        </Link>
      ),
    },
  ];
  return (
    <div className="space-y-6">
      {templates.isPending ? (
        <Loading />
      ) : templates.isError ? (
        <Alert tone="error">{errorMessage(templates.error)}</Alert>
      ) : templates.data.length ? (
        <Table caption="Questionnaires" columns={columns} rows={templates.data} rowKey={(t) => t.id} />
      ) : (
        <EmptyState title="No questionnaires yet">
          Create one below, or import one from another hub.
        </EmptyState>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <NewTemplateForm />
        <ImportForm />
      </div>
    </div>
  );
}

function SchoolView() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const available = useQuery(availableQuery);
  const responses = useQuery(responsesQuery());
  const [problem, setProblem] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (templateId: string) => startResponse(templateId),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.all });
      navigate(`/questionnaires/responses/${r.id}`);
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  const columns: Column<ResponseSummary>[] = [
    {
      key: "title",
      header: "Questionnaire",
      rowHeader: true,
      cell: (r) => (
        <Link to={`/questionnaires/responses/${r.id}`} className={linkClass}>
          {r.templateTitle}
        </Link>
      ),
    },
    { key: "status", header: "Status", cell: (r) => (r.status === "submitted" ? "Submitted" : "Draft") },
    { key: "updated", header: "Last saved", cell: (r) => formatDateTime(r.updatedAt) },
  ];
  return (
    <div className="space-y-6">
      <FormAlert message={problem} />
      <section aria-labelledby="to-fill" className="space-y-3">
        <h2 id="to-fill" className="text-lg font-semibold text-slate-900">
          To fill in
        </h2>
        {available.isPending ? (
          <Loading />
        ) : available.data?.length ? (
          <ul className="space-y-2">
            {available.data.map((t) => (
              <li
                key={t.id}
                className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white p-3"
              >
                <span>
                  <span className="font-medium text-slate-900">{t.title}</span>{" "}
                  <span className="text-sm text-slate-700">({PURPOSE_LABELS[t.purpose]})</span>
                </span>
                <Button
                  variant="secondary"
                  pending={start.isPending && start.variables === t.id}
                  onClick={() => start.mutate(t.id)}
                >
                  Fill in<span className="sr-only"> {t.title}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Nothing to fill in just now" />
        )}
      </section>
      <section aria-labelledby="yours" className="space-y-3">
        <h2 id="yours" className="text-lg font-semibold text-slate-900">
          Your responses
        </h2>
        {responses.data?.length ? (
          <Table caption="Your responses" columns={columns} rows={responses.data} rowKey={(r) => r.id} />
        ) : (
          <p className="text-sm text-slate-700">None yet.</p>
        )}
      </section>
    </div>
  );
}

/** Hub users: the hub's questionnaires. School users: what there is to fill in, and their responses. */
export function QuestionnairesPage() {
  const { data: me } = useMe();
  const isSchool = currentRole(me) === "school_user";
  useDocumentTitle("Questionnaires");
  return (
    <>
      <PageHeader
        title="Questionnaires"
        description={
          isSchool
            ? "Forms the music hub asks your school to fill in. Your answers are saved as you go."
            : "Audits, applications, self-evaluations and feedback forms that schools fill in."
        }
      />
      {isSchool ? <SchoolView /> : <TemplatesView />}
    </>
  );
}
