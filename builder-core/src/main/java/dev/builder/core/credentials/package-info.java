/**
 * Where registry credentials come from, each source behind {@link dev.builder.core.registry.CredentialSource}: the
 * Docker and Podman auth files ({@link DockerConfigFile}), the docker-credential-helper protocol
 * ({@link CredentialHelper}), helpers known for cloud registries ({@link KnownCredentialHelpers}), and the ordered
 * {@link CredentialChain} that asks them in turn. No source ever puts a secret in a message.
 */
package dev.builder.core.credentials;
