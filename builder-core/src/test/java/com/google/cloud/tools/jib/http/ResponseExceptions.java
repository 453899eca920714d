package com.google.cloud.tools.jib.http;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;

/**
 * Test-only: jib-core's {@link ResponseException} has a package-private constructor, and a 403 cannot be had from
 * the test registry (htpasswd authorizes every user for everything), so tests make one here.
 */
public final class ResponseExceptions {
  private ResponseExceptions() {}

  public static ResponseException status(int code) {
    return new ResponseException(
        new HttpResponseException.Builder(code, "status " + code, new HttpHeaders()).build(), false);
  }
}
