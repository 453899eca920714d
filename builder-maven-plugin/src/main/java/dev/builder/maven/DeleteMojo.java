package dev.builder.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Resolves the Kubernetes YAML as {@code resolve} does, then pipes it to {@code kubectl delete -f -} with the
 * current kubeconfig context. Run it for the whole reactor: {@code mvn package builder:delete}.
 */
@Mojo(name = "delete", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true,
    configurator = SecretMaskingConfigurator.HINT)
public class DeleteMojo extends AbstractKubernetesMojo {

  @Override
  protected String kubectlVerb() {
    return "delete";
  }
}
