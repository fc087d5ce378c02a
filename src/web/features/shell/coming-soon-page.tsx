import { Construction } from "lucide-react";
import { PageHeader } from "../../components/ui/page-header";
import { useDocumentTitle } from "../../lib/use-document-title";

/** A placeholder page for a capability that another change will build. */
export function ComingSoonPage({ title, description }: { title: string; description?: string }) {
  useDocumentTitle(title);
  return (
    <div>
      <PageHeader title={title} description={description} />
      <div className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
        <Construction aria-hidden="true" className="size-6 text-slate-600" />
        <p>This part of Tutti is coming soon.</p>
      </div>
    </div>
  );
}
