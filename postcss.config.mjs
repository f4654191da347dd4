// Tailwind CSS v4 runs as a PostCSS plugin inside the Next.js build.
const config = { plugins: { "@tailwindcss/postcss": {} } };
export default config;
