package dev.builder.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Pushes the image of every module that the Kubernetes YAML names (once each, in parallel) and writes the YAML to
 * {@code target/builder/k8s/} with each {@code builder://} reference replaced by {@code name@sha256:...}. Run it
 * for the whole reactor: {@code mvn package builder:resolve}.
 */
@Mojo(name = "resolve", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class ResolveMojo extends AbstractKubernetesMojo {

  @Override
  protected String kubectlVerb() {
    return null;
  }
}
