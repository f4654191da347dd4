"use client";
// Cycles System → Light → Dark. "System" follows the operating system, live.
import { useEffect, useState } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";

type Choice = "system" | "light" | "dark";
const NEXT: Record<Choice, Choice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Choice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const ICON: Record<Choice, string> = { system: "◐", light: "☀", dark: "☾" };

function apply(choice: Choice): void {
  const dark = choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
}

function savedChoice(): Choice {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

export function ThemeToggle() {
  const [choice, setChoice] = useState<Choice | null>(null);

  useEffect(() => setChoice(savedChoice()), []);

  useEffect(() => {
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => apply("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [choice]);

  const current = choice ?? "system";
  const next = NEXT[current];
  return (
    <button
      type="button"
      onClick={() => {
        try {
          localStorage.setItem(THEME_STORAGE_KEY, next);
        } catch {
          // Private windows may refuse storage; the theme still changes for this page.
        }
        apply(next);
        setChoice(next);
      }}
      className="inline-flex h-9 w-9 items-center justify-center rounded-md text-lg text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      aria-label={`${LABEL[current]} (switch to ${LABEL[next].toLowerCase()})`}
      title={`${LABEL[current]} — click for ${LABEL[next].toLowerCase()}`}
      data-theme-choice={current}
    >
      <span aria-hidden="true">{ICON[current]}</span>
    </button>
  );
}
