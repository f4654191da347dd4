// The header on every page: sections (Instructor and Admin only for those roles), who is signed
// in, and the theme switch.
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const items: NavItem[] = [
    { href: "/learn", label: "Learn" },
    { href: "/practice", label: "Practice" },
    { href: "/exams", label: "Exams" },
    { href: "/dashboard", label: "Dashboard" },
  ];
  if (user && hasRole(user.role, "instructor")) items.push({ href: "/instructor", label: "Instructor" });
  if (user && hasRole(user.role, "admin")) items.push({ href: "/admin", label: "Admin" });

  return (
    <header className="border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden="true" className="inline-flex h-8 w-8 items-center justify-center rounded-lg bg-brand-500 text-white">
            ⎈
          </span>
          Kubecoach
        </Link>
        <nav aria-label="Main" className="flex-1">
          <NavLinks items={items} />
        </nav>
        <div className="flex items-center gap-2">
          <ThemeToggle />
          {user ? (
            <>
              <span className="hidden text-sm text-slate-600 sm:inline dark:text-slate-400" data-testid="signed-in-as">
                {user.name ?? user.email}
                <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                  {user.role}
                </span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                Sign in
              </Link>
              <Link href="/signup" className="rounded-md bg-brand-500 px-3 py-2 text-sm font-medium text-white hover:bg-brand-600">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
