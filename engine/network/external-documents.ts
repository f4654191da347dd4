import { METRICS_SERVER_URL, metricsServerManifest } from "../kubelet/metrics/manifest";

/**
 * Files on the public internet a lab downloads with `curl -LO`, `wget` or `kubectl apply -f <url>`:
 * the add-on manifests a learner installs. Anything else on those hosts answers with a plain page.
 */
const DOCUMENTS: Record<string, () => string> = {
  [METRICS_SERVER_URL]: () => metricsServerManifest(),
  "https://github.com/kubernetes-sigs/metrics-server/releases/download/v0.7.2/components.yaml": () => metricsServerManifest(),
};

export function externalDocument(url: string): string | undefined {
  return DOCUMENTS[url]?.();
}

export function registerExternalDocument(url: string, body: () => string): void {
  DOCUMENTS[url] = body;
}
