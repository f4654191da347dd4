/** Imports every module that registers custom checks. Add one line per module. */
import "./certificates";
import "./dry-run";
import "./helm";
import "./packages";
import "./rollout";
export { CUSTOM_CHECKS, registerCustomCheck, type CustomCheck } from "./registry";
