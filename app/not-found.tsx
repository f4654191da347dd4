import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg text-center">
      <p className="text-sm font-semibold text-brand-600 dark:text-brand-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">There is nothing at this address. Check the link, or start from the home page.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 hover:underline dark:text-brand-300">
        Home
      </Link>
    </div>
  );
}
