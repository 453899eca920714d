package dev.builder.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Which fault {@link FaultProxy} injects into which request. Plans count the requests they apply to, so "every third
 * upload" means the third, sixth, ... request that carries a body, whatever came between.
 */
@FunctionalInterface
public interface FaultPlan {

  /** What the proxy does to one request. */
  enum Fault {
    /** Forward it and relay the answer. */
    NONE,
    /** Answer 503 Service Unavailable without forwarding. */
    UNAVAILABLE,
    /** Answer 429 Too Many Requests with {@code Retry-After: 1} without forwarding. */
    TOO_MANY_REQUESTS,
    /** Forward the head and half the body, then cut both connections. */
    CUT_UPLOAD,
    /** Forward it, then hold the answer past the client's timeout and close without sending it. */
    DELAY,
    /** Answer 500 Internal Server Error without forwarding. */
    SERVER_ERROR,
    /** Read the request, then close the connection without an answer and without forwarding. */
    DROP
  }

  /** A request as the plan sees it. */
  record Request(String method, String target, boolean hasBody) {
    public boolean isUpload() {
      return hasBody && (method.equals("PATCH") || method.equals("PUT") || method.equals("POST"));
    }

    public boolean isTagPush() {
      return method.equals("PUT") && target.contains("/manifests/") && !target.contains("/manifests/sha256:");
    }
  }

  Fault faultFor(Request request);

  static FaultPlan none() {
    return request -> Fault.NONE;
  }

  /** {@code fault} for every {@code n}-th request. */
  static FaultPlan everyNth(int n, Fault fault) {
    return everyNth(n, fault, request -> true);
  }

  /** {@code fault} for every {@code n}-th request that {@code applies}. */
  static FaultPlan everyNth(int n, Fault fault, Predicate<Request> applies) {
    AtomicInteger seen = new AtomicInteger();
    return request -> applies.test(request) && seen.incrementAndGet() % n == 0 ? fault : Fault.NONE;
  }

  /** {@code fault} for every request that {@code applies}: a registry that fails one kind of request for good. */
  static FaultPlan always(Fault fault, Predicate<Request> applies) {
    return request -> applies.test(request) ? fault : Fault.NONE;
  }

  /** {@code fault} for the first {@code k} requests that {@code applies}, then nothing: a fault that passes. */
  static FaultPlan first(int k, Fault fault, Predicate<Request> applies) {
    AtomicInteger seen = new AtomicInteger();
    return request -> applies.test(request) && seen.incrementAndGet() <= k ? fault : Fault.NONE;
  }

  /**
   * Nothing until the first request that uploads bytes, which is forwarded, then {@code fault} for all: a registry
   * that goes down in the middle of a push's uploads, however many requests came before them.
   */
  static FaultPlan afterFirstUpload(Fault fault) {
    AtomicBoolean down = new AtomicBoolean();
    return request -> {
      if (down.get()) {
        return fault;
      }
      if (request.isUpload()) {
        down.set(true);
      }
      return Fault.NONE;
    };
  }
}
