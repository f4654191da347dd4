/**
 * Raised when a check or a script needs a part of the simulation that is not built yet. The grader
 * reports it to the learner in plain words instead of pretending the check passed or failed on merit.
 */
export class FeatureUnavailableError extends Error {
  constructor(readonly feature: string) {
    super(`${feature} is not available in Kubecoach yet`);
    this.name = "FeatureUnavailableError";
  }
}
