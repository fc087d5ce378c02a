import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Download, Plus, Send, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ACADEMIC_YEAR_MESSAGE, isAcademicYear } from "../../../shared/rules/academic-year";
import { checkDefinition } from "../../../shared/rules/questionnaire-definition";
import {
  type Definition,
  PURPOSE_LABELS,
  QUESTIONNAIRE_PURPOSES,
  type Question,
  type QuestionnairePurpose,
  type Section,
  type Template,
} from "../../../shared/schemas/questionnaires";
import { errorMessage, isApiError } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button, buttonClasses } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { controlClasses } from "../../components/ui/field";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { nextKey, QuestionEditor } from "./question-editor";
import {
  duplicateTemplate,
  publishTemplate,
  questionnaireKeys,
  saveTemplate,
  TEMPLATES,
  templateQuery,
} from "./questionnaires-api";

const purposeOptions = QUESTIONNAIRE_PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }));
const allIds = (d: Definition): string[] => d.sections.flatMap((s) => s.questions.map((q) => q.id));

function SectionEditor({
  section,
  index,
  definition,
  onChange,
  onRemove,
}: {
  section: Section;
  index: number;
  definition: Definition;
  onChange: (s: Section) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const before = definition.sections.slice(0, index).flatMap((s) => s.questions);
  const numberBase = before.length;
  const setQuestion = (qi: number, q: Question) =>
    onChange({ ...section, questions: section.questions.map((x, i) => (i === qi ? q : x)) });
  return (
    <section
      aria-labelledby={`${id}-h`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold text-slate-900">
        Section {index + 1}
        {section.title ? `: ${section.title}` : ""}
      </h2>
      <TextField
        label="Section title"
        value={section.title}
        onChange={(e) => onChange({ ...section, title: e.target.value })}
      />
      <div className="space-y-1">
        <label htmlFor={`${id}-d`} className="block text-sm font-medium text-slate-900">
          Introduction <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea
          id={`${id}-d`}
          rows={2}
          className={controlClasses(false)}
          value={section.description ?? ""}
          onChange={(e) => onChange({ ...section, description: e.target.value || undefined })}
        />
      </div>
      {section.questions.map((q, qi) => (
        <QuestionEditor
          key={q.id}
          q={q}
          number={numberBase + qi + 1}
          earlier={[...before, ...section.questions.slice(0, qi)]}
          onChange={(next) => setQuestion(qi, next)}
          onRemove={() => onChange({ ...section, questions: section.questions.filter((_, i) => i !== qi) })}
        />
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            onChange({
              ...section,
              questions: [
                ...section.questions,
                { id: nextKey("q", allIds(definition)), kind: "short_text", label: "", required: false },
              ],
            })
          }
        >
          <Plus aria-hidden="true" className="size-4" /> Add a question to section {index + 1}
        </Button>
        <Button variant="ghost" onClick={onRemove}>
          <Trash2 aria-hidden="true" className="size-4" /> Remove section {index + 1}
        </Button>
      </div>
    </section>
  );
}

function Editor({ template }: { template: Template }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState(template.title);
  const [purpose, setPurpose] = useState<QuestionnairePurpose>(template.purpose);
  const [year, setYear] = useState(template.academicYear ?? "");
  const [draft, setDraft] = useState<Definition>(template.draft);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [copyYear, setCopyYear] = useState("");
  useDocumentTitle(template.title, "Questionnaires");

  const problems = checkDefinition(draft);
  const yearError = year && !isAcademicYear(year) ? ACADEMIC_YEAR_MESSAGE : undefined;
  const save = () =>
    saveTemplate(template.id, { title, purpose, academicYear: year || null, definition: draft });
  const refresh = (t: Template) => queryClient.setQueryData(questionnaireKeys.template(t.id), t);

  const saving = useMutation({
    mutationFn: save,
    onSuccess: (t) => {
      refresh(t);
      setMessage({ tone: "success", text: "Draft saved. Schools see it once you publish." });
    },
    onError: (e) =>
      setMessage({
        tone: "error",
        text: isApiError(e) && e.fields[0] ? e.fields[0].message : errorMessage(e),
      }),
  });
  const publishing = useMutation({
    mutationFn: async () => {
      refresh(await save());
      return publishTemplate(template.id);
    },
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.all });
      setMessage({
        tone: "success",
        text: r.created
          ? `Version ${r.version} is published. New responses use it; earlier answers keep their version.`
          : `Nothing has changed since version ${r.version}: no new version was made.`,
      });
    },
    onError: (e) => setMessage({ tone: "error", text: errorMessage(e) }),
  });
  const copying = useMutation({
    mutationFn: () => duplicateTemplate(template.id, copyYear ? { academicYear: copyYear } : {}),
    onSuccess: async (t) => {
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.templates });
      navigate(`/questionnaires/templates/${t.id}`);
    },
    onError: (e) => setMessage({ tone: "error", text: errorMessage(e) }),
  });

  return (
    <>
      <PageHeader
        title={template.title}
        description={
          template.latestVersion
            ? `Version ${template.latestVersion} is published. Changes here are a draft until you publish them.`
            : "Not published yet: schools cannot see it."
        }
        actions={
          <>
            <Link
              to={`/questionnaires/templates/${template.id}/responses`}
              className={buttonClasses("secondary")}
            >
              Responses ({template.responses})
            </Link>
            <a href={`${TEMPLATES}/${template.id}/export`} download className={buttonClasses("secondary")}>
              <Download aria-hidden="true" className="size-4" /> Export for another hub
            </a>
          </>
        }
      />
      <form
        noValidate
        aria-label="Questionnaire"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          saving.mutate();
        }}
      >
        <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
          <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} />
          <Select
            label="What is it for?"
            options={purposeOptions}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value as QuestionnairePurpose)}
          />
          <TextField
            label="Academic year"
            optional
            description="For example 2025/26; register figures are taken from this year."
            value={year}
            error={yearError}
            onChange={(e) => setYear(e.target.value.trim())}
          />
        </div>
        {draft.sections.map((s, i) => (
          <SectionEditor
            key={s.id}
            section={s}
            index={i}
            definition={draft}
            onChange={(next) => setDraft({ sections: draft.sections.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => setDraft({ sections: draft.sections.filter((_, j) => j !== i) })}
          />
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            setDraft({
              sections: [
                ...draft.sections,
                {
                  id: nextKey(
                    "s",
                    draft.sections.map((s) => s.id),
                  ),
                  title: "",
                  questions: [],
                },
              ],
            })
          }
        >
          <Plus aria-hidden="true" className="size-4" /> Add a section
        </Button>
        {problems.length ? (
          <Alert tone="warning" title="Before you can publish">
            <ul className="list-disc pl-5">
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {message?.tone === "success" ? <Alert tone="success">{message.text}</Alert> : null}
        <FormAlert message={message?.tone === "error" ? message.text : null} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="secondary" pending={saving.isPending} disabled={Boolean(yearError)}>
            Save draft
          </Button>
          <Button
            pending={publishing.isPending}
            disabled={problems.length > 0 || Boolean(yearError)}
            onClick={() => {
              setMessage(null);
              publishing.mutate();
            }}
          >
            <Send aria-hidden="true" className="size-4" /> Publish
          </Button>
        </div>
      </form>
      <div className="mt-8 grid gap-4 md:grid-cols-2">
        <section
          aria-labelledby="versions"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="versions" className="font-semibold text-slate-900">
            Published versions
          </h2>
          {template.versions.length ? (
            <ul className="space-y-1 text-sm">
              {template.versions.map((v) => (
                <li key={v.id}>
                  Version {v.version}, {formatDateTime(v.publishedAt)}
                  {v.publishedBy ? ` by ${v.publishedBy}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">None yet.</p>
          )}
        </section>
        <form
          aria-labelledby="copy"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          onSubmit={(e) => {
            e.preventDefault();
            copying.mutate();
          }}
        >
          <h2 id="copy" className="font-semibold text-slate-900">
            Copy for another year
          </h2>
          <TextField
            label="Academic year of the copy"
            optional
            value={copyYear}
            error={copyYear && !isAcademicYear(copyYear) ? ACADEMIC_YEAR_MESSAGE : undefined}
            onChange={(e) => setCopyYear(e.target.value.trim())}
          />
          <Button type="submit" variant="secondary" pending={copying.isPending} className={cx(focusRing)}>
            <Copy aria-hidden="true" className="size-4" /> Make a copy
          </Button>
        </form>
      </div>
    </>
  );
}

/** Hub users design a questionnaire: sections, questions, conditions; save the draft, publish a version. */
export function TemplateEditorPage() {
  const { id = "" } = useParams();
  const template = useQuery(templateQuery(id));
  if (template.isPending) return <Loading />;
  if (template.isError) return <Alert tone="error">{errorMessage(template.error)}</Alert>;
  return <Editor key={template.data.id} template={template.data} />;
}
