package dev.builder.core.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobTest {
  @TempDir Path tmp;

  @Test
  void aStoredFileListedWithAWrongSizeIsSaidToBeListedWrongNotToBeCorrupt() throws Exception {
    byte[] content = "layer bytes\n".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(tmp.resolve("blob"), content);
    Digest digest = Digest.of(content);
    Blob listedWrong = Blob.ofStoredFile(file, digest, content.length + 7L);

    assertThatThrownBy(() -> {
      try (InputStream in = listedWrong.open()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    })
        .isInstanceOf(BuilderException.class)
        .hasMessage("blob " + digest + " in " + file + " has the right digest but " + content.length + " bytes,"
            + " while the manifest or record that lists it gives " + (content.length + 7) + " bytes. The size there"
            + " is wrong: re-create the image that lists it.");
  }

  @Test
  void aStoredFileWithOtherContentIsCorrupt() throws Exception {
    byte[] content = "layer bytes\n".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(tmp.resolve("blob"), "other bytes\n".getBytes(StandardCharsets.UTF_8));
    Digest digest = Digest.of(content);
    Blob corrupt = Blob.ofStoredFile(file, digest, content.length);

    assertThatThrownBy(() -> {
      try (InputStream in = corrupt.open()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    })
        .isInstanceOf(BuilderException.class)
        .hasMessageStartingWith("blob " + digest + " in " + file + " is corrupt: its content has digest "
            + Digest.of("other bytes\n".getBytes(StandardCharsets.UTF_8)));
  }
}
