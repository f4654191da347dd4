#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx kubecoach` works from a clean checkout without a build step.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
