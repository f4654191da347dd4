import { installedBinaryVersion } from "../../nodetools/apt/dpkg";
import { KUBERNETES_GIT_VERSION } from "../../version";
import { fail, pass } from "../checks/outcome";
import { hostOf } from "../context";
import { registerCustomCheck, stringParam } from "./registry";

/** The binaries whose programs report their package's version. */
const BINARIES = ["kubeadm", "kubelet"] as const;
type Binary = (typeof BINARIES)[number];

/**
 * The version a Kubernetes binary on a host reports (`kubeadm version -o short`, `kubelet
 * --version`): its dpkg package's, read from /var/lib/dpkg/status as the programs read it, so an
 * upgrade check needs no shell. Without a package record the programs report the simulated release,
 * and so does this check.
 */
registerCustomCheck("installed-version", {
  summary: "params: host, binary (kubeadm or kubelet), version (e.g. v1.33.2)",
  run(ctx, params) {
    const hostName = stringParam(params, "host");
    const binary = stringParam(params, "binary");
    const wanted = stringParam(params, "version");
    if (!(BINARIES as readonly string[]).includes(binary)) throw new Error(`custom check parameter "binary" must be one of ${BINARIES.join(", ")}`);
    const host = hostOf(ctx, hostName);
    const version = installedBinaryVersion(host.fs, binary as Binary) ?? KUBERNETES_GIT_VERSION;
    return version === wanted ? pass : fail(`${binary} on ${hostName} is ${version}; expected ${wanted}`);
  },
});
