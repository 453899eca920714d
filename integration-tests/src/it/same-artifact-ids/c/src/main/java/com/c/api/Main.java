package com.c.api;

public class Main {
  public static void main(String[] args) {
    System.out.println("api of com.c");
  }
}
