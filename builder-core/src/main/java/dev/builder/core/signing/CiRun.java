package dev.builder.core.signing;

import java.util.Map;
import java.util.Optional;

/**
 * Which machine ran the build, for provenance's {@code runDetails}: the CI run read from the standard environment
 * variables of GitHub Actions, GitLab CI and Jenkins, else a build on a machine of no known CI.
 *
 * @param builderId the build platform's URI
 * @param invocationId the URL of this run, when a CI names it
 */
public record CiRun(String builderId, Optional<String> invocationId) {
  /** The builder id of a build that no known CI ran, such as one on a developer's machine. */
  public static final String LOCAL = "https://builder.dev/builders/local";

  public static CiRun of(Map<String, String> env) {
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
      String workflow = env.get("GITHUB_WORKFLOW_REF"); // owner/repo/.github/workflows/x.yml@refs/heads/main
      String run = env.get("GITHUB_REPOSITORY") == null || env.get("GITHUB_RUN_ID") == null ? null
          : server + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID")
              + "/attempts/" + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1");
      return new CiRun(workflow == null ? server + "/actions/runner" : server + "/" + workflow,
          Optional.ofNullable(run));
    }
    if ("true".equals(env.get("GITLAB_CI"))) {
      String server = env.getOrDefault("CI_SERVER_URL", "https://gitlab.com");
      String runner = env.get("CI_RUNNER_ID");
      return new CiRun(runner == null ? server + "/-/runners" : server + "/" + env.getOrDefault("CI_PROJECT_PATH", "")
          + "/-/runners/" + runner, Optional.ofNullable(env.get("CI_JOB_URL")));
    }
    if (env.get("JENKINS_URL") != null) {
      return new CiRun(env.get("JENKINS_URL"), Optional.ofNullable(env.get("BUILD_URL")));
    }
    return new CiRun(LOCAL, Optional.empty());
  }
}
