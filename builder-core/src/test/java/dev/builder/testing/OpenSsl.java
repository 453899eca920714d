package dev.builder.testing;

import dev.builder.core.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** openssl as the independent check of builder's keys and signatures. */
public final class OpenSsl {
  private OpenSsl() {}

  /** A new P-256 key as {@code openssl genpkey} writes it (PKCS#8 PEM), and its public key next to it. */
  public static Path newKey(Path dir) {
    Path key = dir.resolve("key.pem");
    ExternalTools.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
        key.toString());
    ExternalTools.run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", dir.resolve("pub.pem").toString());
    return key;
  }

  /** True when {@code openssl dgst -sha256 -verify} accepts the DER signature of {@code data}. */
  public static boolean verifies(Path publicKey, byte[] data, byte[] signature, Path dir) throws IOException,
      InterruptedException {
    Path dataFile = Files.write(Files.createTempFile(dir, "data", ".bin"), data);
    Path sigFile = Files.write(Files.createTempFile(dir, "sig", ".der"), signature);
    Process process = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature",
        sigFile.toString(), dataFile.toString()).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor() == 0;
  }
}
