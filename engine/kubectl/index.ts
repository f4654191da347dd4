import { PROGRAMS } from "../programs";
import { runKubectl } from "./program";

/**
 * The emulated kubectl, registered as a program of the shell. Public entry points:
 * `runKubectl(ctx)` runs one command line; `completeKubectl` answers tab completion.
 */
PROGRAMS.register(["kubectl"], runKubectl);

export { runKubectl };
export { completeKubectl } from "./completion";
