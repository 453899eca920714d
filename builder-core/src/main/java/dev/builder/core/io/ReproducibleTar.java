package dev.builder.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar writer whose output depends only on what is written: every entry is owned by 0:0 (or the numeric owner the
 * caller gives) with no user or group name, carries one fixed time, and the caller chooses the mode. Long names use
 * PAX headers.
 */
public final class ReproducibleTar implements Closeable {
  private final TarArchiveOutputStream tar;
  private final Date time;

  public ReproducibleTar(OutputStream out, Instant time) {
    this.tar = new TarArchiveOutputStream(out, "UTF-8");
    this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    this.tar.setAddPaxHeadersForNonAsciiNames(true);
    this.time = Date.from(time);
  }

  public void directory(String name, int mode) throws IOException {
    directory(name, mode, 0, 0);
  }

  public void directory(String name, int mode, int uid, int gid) throws IOException {
    TarArchiveEntry entry = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode, uid, gid);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  public void file(String name, int mode, long size, InputStream content) throws IOException {
    file(name, mode, 0, 0, size, content);
  }

  public void file(String name, int mode, int uid, int gid, long size, InputStream content) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, mode, uid, gid);
    entry.setSize(size);
    tar.putArchiveEntry(entry);
    long copied = content.transferTo(tar);
    if (copied != size) {
      throw new IOException(name + " changed while it was archived: expected " + size + " bytes, read " + copied);
    }
    tar.closeArchiveEntry();
  }

  /** A symbolic link holding {@code target} as written; links carry no mode of their own, so 0777 as Docker's. */
  public void symlink(String name, String target) throws IOException {
    symlink(name, target, 0, 0);
  }

  public void symlink(String name, String target, int uid, int gid) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777, uid, gid);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  public void file(String name, int mode, byte[] content) throws IOException {
    file(name, mode, content.length, new java.io.ByteArrayInputStream(content));
  }

  private TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    int kind = switch (type) {
      case TarConstants.LF_DIR -> 0040000;
      case TarConstants.LF_SYMLINK -> 0120000;
      default -> 0100000;
    };
    entry.setMode(kind | mode);
    entry.setModTime(time);
    entry.setUserId(uid);
    entry.setGroupId(gid);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  /** Writes the end-of-archive marker without closing the stream underneath. */
  public void finish() throws IOException {
    tar.finish();
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
