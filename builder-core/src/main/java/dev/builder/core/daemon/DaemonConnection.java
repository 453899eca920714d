package dev.builder.core.daemon;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One connection to a daemon over a {@link SocketChannel}, a unix-domain or a TCP one alike, with streams that give
 * up when the daemon says nothing for a while. The channel is non-blocking and waited on with a selector: a plain
 * blocking channel cannot time out, and a daemon that hangs must not hang the build with it.
 */
final class DaemonConnection implements Closeable {
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final String address;
  private final Duration idleTimeout;

  private DaemonConnection(SocketChannel channel, Selector selector, String address, Duration idleTimeout)
      throws IOException {
    this.channel = channel;
    this.selector = selector;
    this.key = channel.register(selector, 0);
    this.address = address;
    this.idleTimeout = idleTimeout;
  }

  static DaemonConnection open(DaemonAddress address, Duration timeout) throws IOException {
    SocketChannel channel =
        address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    Selector selector = null;
    try {
      channel.configureBlocking(false);
      selector = Selector.open();
      DaemonConnection connection = new DaemonConnection(channel, selector, address.uri(), timeout);
      if (!channel.connect(address.socketAddress())) {
        connection.await(SelectionKey.OP_CONNECT, "connecting");
        channel.finishConnect();
      }
      return connection;
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  private void await(int operation, String doing) throws IOException {
    key.interestOps(operation);
    long deadline = System.nanoTime() + idleTimeout.toNanos();
    for (long left = idleTimeout.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
      if (selector.select(left) > 0) {
        selector.selectedKeys().clear();
        return;
      }
    }
    throw new SocketTimeoutException(address + " said nothing for " + idleTimeout.toSeconds() + " s while " + doing);
  }

  InputStream input() {
    return new Http1.BlockInputStream() {
      @Override
      int readBlock(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (true) {
          int n = channel.read(buffer);
          if (n != 0) {
            return n;
          }
          await(SelectionKey.OP_READ, "answering");
        }
      }
    };
  }

  OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          if (channel.write(buffer) == 0) {
            await(SelectionKey.OP_WRITE, "reading what builder sends");
          }
        }
      }
    };
  }

  @Override
  public void close() throws IOException {
    try {
      selector.close();
    } finally {
      channel.close();
    }
  }
}
