package com.a.api;

public class Main {
  public static void main(String[] args) {
    System.out.println(com.d.api.Greeting.of("com.a"));
  }
}
