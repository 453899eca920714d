/**
 * Kubernetes YAML that names code instead of tags, as ko does: finding {@code builder://} module references with
 * their file and line, replacing them with pushed image references without touching anything else in the text,
 * keeping only the documents a label selector matches, and handing the result to {@code kubectl}.
 */
package dev.builder.core.k8s;
