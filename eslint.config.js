// One lint configuration for the whole repository (engine, scenarios, app, lib, scripts, tests).
// Type-aware rules are left to `tsc --noEmit`, which `npm run lint` runs right after ESLint.
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/**", ".next/**", "generated/**", "data/**", "coverage/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "instrumentation.ts"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      // The app reads only from its own pages directory (app/), never a pages/ router.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
);
