package com.d.api;

public final class Greeting {
  private Greeting() {}

  public static String of(String who) {
    return "api of " + who;
  }
}
