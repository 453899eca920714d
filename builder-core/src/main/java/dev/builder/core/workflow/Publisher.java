package dev.builder.core.workflow;

import dev.builder.core.assembly.Background;
import dev.builder.core.assembly.BuiltImages;
import dev.builder.core.image.Attached;
import dev.builder.core.image.Attachment;
import dev.builder.core.image.ImageSink;
import dev.builder.core.image.Written;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a build to a sink and attaches documents to it. The documents are made on a thread of their own while the
 * image is written, since they need its digests and not the sink: making an SBOM is mostly reading, a push mostly
 * waiting. They are attached after the image, so that no document ever names an image the sink does not hold.
 */
public final class Publisher {

  public Publication publish(BuiltImages built, ImageSink sink, List<String> tags, AttachmentMaker maker) {
    Background<List<Attachment>> making = Background.start("builder attachments", () -> maker.make(built));
    Written written;
    try {
      written = sink.write(built.root(), tags);
    } catch (RuntimeException | Error e) {
      try {
        making.join(); // nothing is left writing after the publication has failed
      } catch (RuntimeException | Error ignored) {
        // the write's failure is the one to report
      }
      throw e;
    }
    List<Attachment> attachments = making.join();
    List<Attached> attached = new ArrayList<>();
    if (sink.takesAttachments()) {
      for (Attachment attachment : attachments) {
        attached.add(sink.attach(attachment));
      }
    }
    return new Publication(written, attached);
  }
}
