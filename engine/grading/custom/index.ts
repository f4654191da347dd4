/** Imports every module that registers custom checks. Add one line per module. */
import "./certificates";
import "./dry-run";
import "./gateway";
import "./helm";
import "./ingress";
import "./network-policy";
import "./packages";
import "./restart";
import "./rollout";
import "./scheduling";
import "./volumes";
export { CUSTOM_CHECKS, registerCustomCheck, type CustomCheck } from "./registry";
