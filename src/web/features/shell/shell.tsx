import { Menu, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { currentRole, useMe } from "../../api/session";
import { Alert } from "../../components/ui/alert";
import { cx, focusRing } from "../../components/ui/cx";
import { Loading } from "../../components/ui/loading";
import { signInPath } from "./guards";
import { HubSwitcher } from "./hub-switcher";
import { MainNav } from "./main-nav";
import { UserMenu } from "./user-menu";

const NAV_ID = "main-nav";

/** The signed-in frame: skip link, header (hub, user), navigation and the page. */
export function Shell() {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(location.pathname);

  // After each navigation (even to the same page), close the small-screen menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => {
    setMenuOpen(false);
  }, [location.key]);

  // When the page changes, move focus to its heading so screen readers announce it. Not on the
  // first render, nor when an effect re-runs for the same page.
  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    (heading ?? mainRef.current)?.focus();
  }, [location.pathname]);

  if (isPending) return <Loading label="Loading Tutti…" />;
  if (!me) return <Navigate to={signInPath(location.pathname + location.search)} replace />;

  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 font-medium text-blue-900 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:outline-2 focus:outline-blue-700"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="flex items-center gap-3 px-3 py-2 sm:px-4">
          <button
            type="button"
            className={cx("rounded-md p-2 text-slate-800 hover:bg-slate-100 md:hidden", focusRing)}
            aria-expanded={menuOpen}
            aria-controls={NAV_ID}
            onClick={() => setMenuOpen((o) => !o)}
          >
            {menuOpen ? (
              <X aria-hidden="true" className="size-5" />
            ) : (
              <Menu aria-hidden="true" className="size-5" />
            )}
            <span className="sr-only">Menu</span>
          </button>
          <Link to="/" className={cx("rounded text-lg font-bold tracking-tight text-blue-900", focusRing)}>
            Tutti
          </Link>
          <span aria-hidden="true" className="hidden text-slate-400 sm:inline">
            /
          </span>
          <div className="min-w-0 flex-1">
            <HubSwitcher me={me} />
          </div>
          <UserMenu me={me} />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <MainNav id={NAV_ID} role={currentRole(me)} open={menuOpen} />
        <main
          id="main"
          ref={mainRef}
          tabIndex={-1}
          className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8"
        >
          {me.currentHub ? (
            <Outlet />
          ) : (
            <Alert tone="warning" title="You are not a member of any hub">
              Ask a hub admin to invite you, then follow the link in their e-mail.
            </Alert>
          )}
        </main>
      </div>
    </div>
  );
}
