package dev.builder.core.registry;

import dev.builder.core.BuilderException;
import dev.builder.core.registry.RepositoryClient.RawManifest;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a base image is read from: the first mirror of its registry that has what its name points at, else the
 * registry itself. Everything of the base (platform manifests, config, layers) is then read from that one place. A
 * mirror serves the same repository (under its path, if it has one) and is trusted with the tag as a pull-through
 * cache is, but not with a digest: a reference by digest is checked against what the mirror answers.
 */
record BaseOrigin(RepositoryClient client, RawManifest top) {

  static BaseOrigin find(Registries registries, ImageName name) {
    List<ImageName> mirrors = registries.mirrors().mirrorsOf(name);
    List<String> misses = new ArrayList<>();
    for (ImageName mirror : mirrors) {
      String where = "mirror " + mirror.registry() + (mirror.repository().equals(name.repository()) ? ""
          : " (as " + mirror.repository() + ")");
      try {
        RepositoryClient client = registries.forPull(mirror);
        // by digest, RepositoryHttp checks that the answer has that digest (WrongDigest)
        RawManifest top = client.pullManifest(mirror.qualifier());
        registries.listener().info("base image " + name + ": pulling from " + where
            + (misses.isEmpty() ? "" : " (" + String.join("; ", misses) + ")"));
        return new BaseOrigin(client, top);
      } catch (RepositoryHttp.WrongDigest e) {
        misses.add(where + " answered with another digest");
        registries.listener().warn("base image " + name + ": not using " + where + ": " + e.getMessage());
      } catch (BuilderException | UncheckedIOException e) {
        misses.add(where + " " + RegistryErrors.brief(e));
        registries.listener().debug("base image " + name + ": " + where + ": " + e.getMessage());
      }
    }
    if (!misses.isEmpty()) {
      registries.listener().info("base image " + name + ": pulling from its registry " + name.registry() + ": "
          + String.join("; ", misses));
    }
    RepositoryClient client = registries.forPull(name);
    return new BaseOrigin(client, client.pullManifest(name.qualifier()));
  }
}
